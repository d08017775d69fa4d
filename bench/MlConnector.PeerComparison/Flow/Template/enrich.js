// What a text needs beyond the row: the supplier's name (kept in flow context once read) and, for a purchase order,
// its line count and total. Output 1 asks SYSPRO for the next missing fact; output 2 passes a complete event on.
const e = msg.event;
const root = env.get('SYSPRO_ODATA_URL');
function lookup(kind, path) {
    msg.lookup = kind;
    msg.url = root + path;
    msg.method = 'GET';
    msg.headers = { Authorization: msg.auth, Accept: 'application/json' };
    return [msg, null];
}
if (e.supplierName === undefined) {
    const suppliers = flow.get('suppliers') || {};
    const code = e.row.Supplier;
    if (suppliers[code] !== undefined) {
        e.supplierName = suppliers[code];
    } else {
        return lookup('supplier', 'ApSupplier?$select=Supplier,SupplierName&$filter='
            + encodeURIComponent("Supplier eq '" + code.replace(/'/g, "''") + "'"));
    }
}
if (e.source === 'PorMasterHdr' && e.lines === undefined) {
    return lookup('lines', 'PorMasterDetail?$select=PurchaseOrder,Line,MOrderQty,MPrice&$filter='
        + encodeURIComponent("PurchaseOrder eq '" + e.row.PurchaseOrder + "'"));
}
return [null, msg];
