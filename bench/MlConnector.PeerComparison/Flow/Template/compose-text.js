// The text of each rule, worded as ml-connector's presets word it, as a Twilio Messages create form.
const e = msg.event;
const r = e.row;
const money = n => Number(n).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const linesText = l => l.count + ' line' + (l.count === 1 ? '' : 's');
let body;
if (e.source === 'PorMasterHdr' && e.to === '1') {
    body = 'PO ' + r.PurchaseOrder + ' awaits your approval: ' + e.supplierName + ', ' + money(e.lines.total) + ' '
        + r.Currency + ', ' + linesText(e.lines) + '.';
} else if (e.source === 'PorMasterHdr' && e.to === '4') {
    body = 'PO ' + r.PurchaseOrder + ' approved: ' + e.supplierName + ', ' + money(e.lines.total) + ' ' + r.Currency
        + ', ' + linesText(e.lines) + '. Ready to send to the supplier.';
} else if (e.source === 'PorMasterHdr') {
    body = 'PO ' + r.PurchaseOrder + ' for ' + e.supplierName + ' (' + money(e.lines.total) + ' ' + r.Currency
        + ') was cancelled.';
} else if (e.source === 'ReqDetail') {
    body = 'Requisition ' + r.Requisition + ' line ' + r.Line + ' approved: ' + r.OrderQty + ' x ' + r.StockDescription
        + ' from ' + e.supplierName + '.';
} else {
    body = 'Invoice ' + r.Invoice + ' from ' + e.supplierName + ' posted: ' + money(r.OrigInvValue) + ' ' + r.Currency
        + ', due ' + String(r.DueDate).slice(0, 10) + '.';
}
return { payload: { To: env.get('SMS_TO'), From: env.get('TWILIO_FROM'), Body: body } };
