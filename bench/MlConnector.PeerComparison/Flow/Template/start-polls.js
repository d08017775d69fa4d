// Every tick: start one poll per entity set the five rules read, unless that set's previous poll is still running
// (a poll that has not finished within 10 minutes is taken as lost). The working sets are the rules' filters:
// open and cancelled purchase orders, requisition lines in progress or approved, invoices journalled since yesterday.
const root = env.get('SYSPRO_ODATA_URL');
const auth = 'Basic ' + Buffer.from(env.get('SYSPRO_ODATA_USER') + ':' + env.get('SYSPRO_ODATA_PASSWORD')).toString('base64');
const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10) + 'T00:00:00Z';
const sources = [
    {
        name: 'PorMasterHdr', keys: ['PurchaseOrder'], status: 'OrderStatus', targets: ['1', '4', '*'],
        select: 'PurchaseOrder,OrderStatus,Supplier,Currency',
        filter: "(OrderStatus eq '0' or OrderStatus eq '1' or OrderStatus eq '4' or OrderStatus eq '*')",
    },
    {
        name: 'ReqDetail', keys: ['Requisition', 'Line'], status: 'ReqnStatus', targets: ['R'],
        select: 'Requisition,Line,ReqnStatus,StockDescription,OrderQty,Supplier',
        filter: "(ReqnStatus eq '' or ReqnStatus eq ' ' or ReqnStatus eq 'R')",
    },
    {
        name: 'ApInvoice', keys: ['Supplier', 'Invoice'], status: null, targets: [],
        select: 'Supplier,Invoice,Journal,JournalDate,OrigInvValue,Currency,DueDate',
        filter: 'Journal gt 0 and JournalDate ge ' + yesterday,
    },
];
const now = Date.now();
const polls = [];
for (const source of sources) {
    const busySince = flow.get('busy_' + source.name);
    if (busySince && now - busySince < 600000) {
        continue;
    }
    flow.set('busy_' + source.name, now);
    const query = '$select=' + encodeURIComponent(source.select) + '&$filter=' + encodeURIComponent(source.filter)
        + '&$orderby=' + encodeURIComponent(source.keys.join(','));
    polls.push({
        source: source,
        auth: auth,
        url: root + source.name + '?' + query,
        method: 'GET',
        headers: { Authorization: auth, Accept: 'application/json' },
        poll: { started: now, rows: 0, pages: 0, events: 0 },
    });
}
return [polls];
