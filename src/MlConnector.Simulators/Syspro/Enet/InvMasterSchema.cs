using MlConnector.Simulators.Syspro.Data;

namespace MlConnector.Simulators.Syspro.Enet;

/// <summary>
/// SYSPRO's InvMaster columns in their order, with the widths SYSPRO prints (as seen in a COMFCH answer). Stock
/// items are untyped rows: unset columns print as empty text, zero or 0000-00-00.
/// </summary>
internal static class InvMasterSchema
{
    public static IReadOnlyList<EnetColumn> Columns { get; } =
    [
        Text("StockCode"), Text("Description"), Text("LongDesc"), Text("AlternateKey1"), Text("AlternateKey2"),
        Text("EccUser"), Text("StockUom"), Text("AlternateUom"), Text("OtherUom"), Num("ConvFactAltUom", 12, 6),
        Text("ConvMulDiv"), Num("ConvFactOthUom", 12, 6), Text("MulDiv"), Num("Mass", 18, 6), Num("Volume", 18, 6),
        Text("Decimals"), Text("PriceCategory"), Text("PriceMethod"), Text("Supplier"), Num("CycleCount", 2, 0),
        Text("ProductClass"), Text("TaxCode"), Text("OtherTaxCode"), Text("ListPriceCode"), Text("SerialMethod"),
        Text("InterfaceFlag"), Text("KitType"), Num("LowLevelCode", 2, 0), Text("Buyer"), Text("Planner"),
        Text("TraceableType"), Text("MpsFlag"), Text("BulkIssueFlag"), Text("AbcClass"), Num("LeadTime", 10, 0),
        Text("StockMovementReq"), Text("ClearingFlag"), Date("SupercessionDate"), Text("AbcAnalysisReq"),
        Text("AbcCostingReq"), Text("CostUom"), Num("MinPricePct", 5, 2), Num("LabourCost", 15, 5),
        Num("MaterialCost", 15, 5), Num("FixOverhead", 15, 5), Num("VariableOverhead", 15, 5), Text("PartCategory"),
        Text("DrawOfficeNum"), Text("WarehouseToUse"), Text("BuyingRule"), Num("SpecificGravity", 6, 4),
        Num("ImplosionNum", 5, 0), Num("Ebq", 18, 6), Num("ComponentCount", 5, 0), Num("FixTimePeriod", 2, 0),
        Num("PanSize", 18, 6), Num("DockToStock", 10, 0), Text("OutputMassFlag"), Num("ShelfLife", 4, 0),
        Text("Version"), Text("Release"), Num("DemandTimeFence", 10, 0), Text("MakeToOrderFlag"),
        Num("ManufLeadTime", 10, 0), Text("GrossReqRule"), Num("PercentageYield", 3, 0), Num("AbcPreProd", 15, 5),
        Num("AbcManufacturing", 15, 5), Num("AbcSales", 15, 5), Num("AbcCumPreProd", 15, 5), Num("AbcCumManuf", 15, 5),
        Text("WipCtlGlCode"), Text("ResourceCode"), Text("GstTaxCode"), Text("PrcInclGst"), Text("SerEntryAtSale"),
        Text("StpSelection"), Text("UserField1"), Num("UserField2", 17, 5), Text("UserField3"), Text("UserField4"),
        Text("UserField5"), Text("TariffCode"), Text("SupplementaryUnit"), Text("EbqPan"), Num("StdLandedCost", 15, 5),
        Text("LctRequired"), Text("StdLctRoute"), Text("IssMultLotsFlag"), Text("InclInStrValid"),
        Num("StdLabCostsBill", 15, 5), Text("PhantomIfComp"), Text("CountryOfOrigin"), Text("StockOnHold"),
        Text("StockOnHoldReason"), Text("EccFlag"), Text("StockAndAltUm"), Text("AltUnitChar"), Text("JobsOnHold"),
        Text("JobHoldAllocs"), Text("PurchOnHold"), Text("SalesOnHold"), Text("MaintOnHold"), Text("BatchBill"),
        Text("BlanketPoExists"), Text("CallOffBpoExists"), Text("DistWarehouseToUse"), Text("JobClassification"),
        Num("SubContractCost", 15, 5), Date("DateStkAdded"), Text("InspectionFlag"), Text("SerialPrefix"),
        Text("SerialSuffix"), Text("ReturnableItem"), Text("ProductGroup"), Text("PriceType"), Text("Basis"),
        Text("ManualCostFlag"), Text("ManufactureUom"), Num("ConvFactMuM", 12, 6), Text("ManMulDiv"),
        Num("LookAheadWin", 10, 0), Num("LoadingFactor", 9, 3), Text("SupplUnitCode"), Text("StorageSecurity"),
        Text("StorageHazard"), Text("StorageCondition"), Num("ProductShelfLife", 4, 0), Num("InternalShelfLife", 4, 0),
        Text("AltMethodFlag"), Text("AltSisoFlag"), Text("AltReductionFlag"), Text("WithTaxExpenseType"),
    ];

    public static EnetTable Table(SysproTable<InvMasterRow> table) =>
        new(table.Name, Columns, ["StockCode"], table.Snapshot);

    private static EnetColumn Text(string name) => new(name, EnetColumnKind.Text, 0, 0, Get(name));

    private static EnetColumn Date(string name) => new(name, EnetColumnKind.Date, 0, 0, Get(name));

    private static EnetColumn Num(string name, int precision, int scale) =>
        new(name, EnetColumnKind.Number, precision, scale, Get(name));

    private static Func<object, object?> Get(string name) =>
        row => ((InvMasterRow)row).Values.GetValueOrDefault(name);
}
