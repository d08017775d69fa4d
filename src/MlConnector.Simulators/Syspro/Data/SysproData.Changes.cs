namespace MlConnector.Simulators.Syspro.Data;

/// <summary>The business changes the control API and the scenario driver make (syspro.md section 0, presets).</summary>
public sealed partial class SysproData
{
    /// <summary>PO submitted for approval: OrderStatus 0 becomes 1 (ready to print).</summary>
    public PorMasterHdr SubmitPurchaseOrder(string purchaseOrder) =>
        ChangeOrder(purchaseOrder, ["0"], po => po with { OrderStatus = "1" });

    /// <summary>PO approved and released: OrderStatus 0 or 1 becomes 4 (printed).</summary>
    public PorMasterHdr ApprovePurchaseOrder(string purchaseOrder) =>
        ChangeOrder(purchaseOrder, ["0", "1"], po => po with
        {
            OrderStatus = "4",
            DateLastDocPrt = Today,
            PrintCount = po.PrintCount + 1,
        });

    /// <summary>PO cancelled: any open status becomes *.</summary>
    public PorMasterHdr CancelPurchaseOrder(string purchaseOrder) =>
        ChangeOrder(purchaseOrder, ["0", "1", "4"], po => po with { OrderStatus = "*", CancelledFlag = "Y" });

    /// <summary>PO received in full: 4 becomes 9 with DatePoCompleted.</summary>
    public PorMasterHdr CompletePurchaseOrder(string purchaseOrder) =>
        ChangeOrder(purchaseOrder, ["4"], po => po with { OrderStatus = "9", DatePoCompleted = Today });

    /// <summary>Requisition line approved: ReqnStatus becomes R with ApprovedDate; the approver holds it.</summary>
    public ReqDetail ApproveRequisition(string requisition, int line, string approver)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(approver);
        var key = SysproKeys.Composite(Keys.NormalizeRequisition(requisition), line);
        lock (_changeLock)
        {
            var row = ReqDetail.Find(key)
                ?? throw new KeyNotFoundException($"Requisition {requisition} line {line} does not exist.");
            if (row.ReqnStatus != " ")
            {
                throw new InvalidOperationException(
                    $"Requisition {requisition} line {line} has status '{row.ReqnStatus}', not in progress.");
            }

            var changed = row with
            {
                ReqnStatus = "R",
                ApprovedDate = Today,
                CurrentHolder = approver,
                TimeStamp = NextRowVersion(),
            };
            ReqDetail.Upsert(changed);
            return changed;
        }
    }

    /// <summary>
    /// A supplier invoice posted to the GL: a new ApInvoice row with Journal and JournalDate, two GenTransaction rows
    /// with Source 'AP' (expense debit, AP control credit) and the supplier's balance raised.
    /// </summary>
    public PostedInvoice PostSupplierInvoice(string supplier, string invoice, decimal amount, string reference = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invoice);
        lock (_changeLock)
        {
            var vendor = ApSupplier.Find(supplier.Trim())
                ?? throw new KeyNotFoundException($"Supplier {supplier} does not exist.");
            if (ApInvoice.Find(SysproKeys.Composite(vendor.Supplier, invoice)) is not null)
            {
                throw new InvalidOperationException($"Invoice {invoice} of supplier {supplier} is already posted.");
            }

            var today = Today;
            var journal = ++_nextJournal;
            var posted = SysproDataGenerator.Invoice(vendor, invoice, amount, reference, today, journal) with
            {
                TimeStamp = NextRowVersion(),
            };
            ApInvoice.Upsert(posted);
            var glRows = SysproDataGenerator.ApGlRows(posted, CompanyId, ++_nextGlLine, ++_nextGlLine)
                .Select(r => r with { TimeStamp = NextRowVersion() })
                .ToList();
            glRows.ForEach(GenTransaction.Upsert);
            ApSupplier.Upsert(vendor with
            {
                CurrentBalance = vendor.CurrentBalance + amount,
                TimeStamp = NextRowVersion(),
            });
            return new PostedInvoice(posted, glRows);
        }
    }

    /// <summary>A new PO in status 0 (in process) with one line, as a buyer would enter it.</summary>
    public PorMasterHdr CreatePurchaseOrder(string supplier, string buyer, decimal quantity, decimal price)
    {
        lock (_changeLock)
        {
            var vendor = ApSupplier.Find(supplier.Trim())
                ?? throw new KeyNotFoundException($"Supplier {supplier} does not exist.");
            var key = Keys.PurchaseOrder(++_nextPurchaseOrder);
            var today = Today;
            var order = new PorMasterHdr
            {
                PurchaseOrder = key,
                Supplier = vendor.Supplier,
                SupplierClass = vendor.SupplierClass,
                Currency = vendor.Currency,
                Buyer = buyer,
                Warehouse = "FG",
                OrderEntryDate = today,
                OrderDueDate = today.AddDays(14),
                TimeStamp = NextRowVersion(),
            };
            PorMasterHdr.Upsert(order);
            PorMasterDetail.Upsert(new PorMasterDetail
            {
                PurchaseOrder = key,
                Line = 1,
                MStockCode = "A100-001",
                MStockDes = "Entered by the simulator",
                MWarehouse = "FG",
                MOrderQty = quantity,
                MPrice = price,
                MForeignPrice = price,
                MLatestDueDate = today.AddDays(14),
                MOrigDueDate = today.AddDays(14),
                TimeStamp = NextRowVersion(),
            });
            return order;
        }
    }

    private PorMasterHdr ChangeOrder(string purchaseOrder, string[] from, Func<PorMasterHdr, PorMasterHdr> change)
    {
        var key = Keys.NormalizePurchaseOrder(purchaseOrder);
        lock (_changeLock)
        {
            var row = PorMasterHdr.Find(key) ?? throw new KeyNotFoundException($"Purchase order {key} does not exist.");
            if (!from.Contains(row.OrderStatus))
            {
                throw new InvalidOperationException(
                    $"Purchase order {key} has OrderStatus '{row.OrderStatus}'; expected one of {string.Join(", ", from)}.");
            }

            var changed = change(row) with { TimeStamp = NextRowVersion() };
            PorMasterHdr.Upsert(changed);
            return changed;
        }
    }
}
