// The answer of one lookup, kept on the event (a supplier name also in flow context); then back to enrich.
const e = msg.event;
const ok = msg.statusCode === 200 && msg.payload && Array.isArray(msg.payload.value);
if (!ok) {
    node.warn('peer-lookup-failed kind=' + msg.lookup + ' status=' + msg.statusCode);
}
if (msg.lookup === 'supplier') {
    const found = ok && msg.payload.value.length > 0 ? msg.payload.value[0].SupplierName : undefined;
    e.supplierName = found || e.row.Supplier.trim();
    if (found) {
        const suppliers = flow.get('suppliers') || {};
        suppliers[e.row.Supplier] = found;
        flow.set('suppliers', suppliers);
    }
} else {
    const lines = ok ? msg.payload.value : [];
    const total = lines.reduce((sum, l) => sum + l.MOrderQty * l.MPrice, 0);
    e.lines = { count: lines.length, total: Math.round(total * 100) / 100 };
}
delete msg.payload;
delete msg.lookup;
return msg;
