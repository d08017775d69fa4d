namespace MlConnector.Simulators.Syspro.Data;

/// <summary>
/// Generates a distributor's data from a seed and a date: the same seed and date give the same rows. One
/// <see cref="Random"/> is consumed in a fixed order, so adding a table at the end does not change the others.
/// </summary>
internal static partial class SysproDataGenerator
{
    public const int FirstPurchaseOrder = 100_000;
    private const int HistoryDays = 730;

    public static SeededTables Generate(
        int seed, int purchaseOrders, DateTimeOffset today, string company, SysproKeyFormat? keyFormat = null)
    {
        var keys = keyFormat ?? SysproKeyFormat.Default;
#pragma warning disable CA5394 // Deterministic test data, not security: a seeded Random is the point.
        var random = new Random(seed);
#pragma warning restore CA5394
        var buyers = Buyers();
        var suppliers = Suppliers(random, 200);
        var stock = StockItems(random, 240, suppliers, buyers, today);
        var (orders, lines) = Orders(keys, random, purchaseOrders, today, suppliers, buyers, stock);
        var requisitions = Requisitions(keys, random, 400, today, suppliers, buyers, stock);
        var (invoices, lastJournal) = Invoices(random, Math.Max(50, purchaseOrders / 12), today, suppliers);
        var (glRows, lastGlLine) = GlRows(random, invoices, company);
        var payments = Payments(random, invoices, suppliers, today);
        var journals = Journals(random, today, company);
        return new SeededTables(
            buyers, suppliers, orders, lines, requisitions, invoices, glRows,
            stock.Select(s => s.Row).ToList(), lastJournal, lastGlLine, keys.FirstPurchaseOrder + purchaseOrders,
            payments, journals);
    }

    private static (List<PorMasterHdr> Orders, List<PorMasterDetail> Lines) Orders(
        SysproKeyFormat keys, Random random, int count, DateTimeOffset today, List<ApSupplier> suppliers,
        List<InvBuyer> buyers, List<StockItem> stock)
    {
        var orders = new List<PorMasterHdr>(count);
        var lines = new List<PorMasterDetail>(count * 3);
        var recent = Math.Max(10, count / 20);
        for (var i = 0; i < count; i++)
        {
            var age = (int)((long)(count - 1 - i) * HistoryDays / Math.Max(1, count));
            var entered = today.AddDays(-age);
            var supplier = suppliers[random.Next(suppliers.Count)];
            var status = Status(random, count - 1 - i < recent, age);
            var key = keys.PurchaseOrder(keys.FirstPurchaseOrder + i + 1);
            var due = entered.AddDays(7 + random.Next(35));
            orders.Add(new PorMasterHdr
            {
                PurchaseOrder = key,
                OrderStatus = status,
                ActiveFlag = status is "9" or "*" ? "N" : "Y",
                CancelledFlag = status == "*" ? "Y" : " ",
                Supplier = supplier.Supplier,
                SupplierClass = supplier.SupplierClass,
                OrderEntryDate = entered,
                OrderDueDate = due,
                DateLastDocPrt = status is "4" or "9" ? entered.AddDays(random.Next(3)) : null,
                DatePoCompleted = status == "9" ? Min(due.AddDays(random.Next(10)), today) : null,
                Currency = supplier.Currency,
                ExchangeRate = supplier.Currency == "USD" ? 1m : 1.08m,
                PrintCount = status is "4" or "9" ? 1 : 0,
                AmendedCount = random.Next(10) == 0 ? 1 : 0,
                Buyer = buyers[random.Next(buyers.Count)].Buyer,
                Warehouse = random.Next(4) == 0 ? "RM" : "FG",
                PaymentTerms = supplier.TermsCode,
                TermsCode = supplier.TermsCode,
                CustomerPoNumber = random.Next(8) == 0 ? $"CUST-{random.Next(10_000, 99_999)}" : "",
            });
            var lineCount = 1 + random.Next(5);
            for (var line = 1; line <= lineCount; line++)
            {
                var item = stock[random.Next(stock.Count)];
                var qty = (decimal)(1 + random.Next(200)) * (random.Next(4) == 0 ? 12 : 1);
                lines.Add(new PorMasterDetail
                {
                    PurchaseOrder = key,
                    Line = line,
                    MStockCode = item.Code,
                    MStockDes = item.Description,
                    MWarehouse = orders[^1].Warehouse,
                    MOrderQty = qty,
                    MReceivedQty = status == "9" ? qty : 0m,
                    MLatestDueDate = due,
                    MOrigDueDate = due,
                    MLastReceiptDat = status == "9" ? orders[^1].DatePoCompleted : null,
                    MPrice = item.Price,
                    MForeignPrice = item.Price,
                    MProductClass = item.ProductClass,
                    MGlCode = "1400-000",
                    MCompleteFlag = status == "9" ? "Y" : " ",
                });
            }
        }

        return (orders, lines);
    }

    private static string Status(Random random, bool recent, int age)
    {
        var roll = random.Next(100);
        return recent ? roll switch { < 35 => "0", < 60 => "1", < 95 => "4", _ => "*" }
            : age < 120 ? roll switch { < 60 => "4", < 95 => "9", _ => "*" }
            : roll switch { < 2 => "4", < 96 => "9", _ => "*" };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
