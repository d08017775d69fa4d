using System.Globalization;
using System.Text;

namespace MlConnector.Simulators.Syspro.Data;

/// <summary>Buyers, suppliers and stock items.</summary>
internal static partial class SysproDataGenerator
{
    public static readonly IReadOnlyList<string> SpecialSupplierNames =
    [
        "O'Brien & Sons",
        "Müller Großhandel",
        "Café Société",
        "Smith & Nephew's Tools",
        "Ørsted Komponenter A/S",
        "Peña <Fasteners> & Co",
    ];

    private static readonly string[] NameStarts =
    [
        "Acme", "Allied", "Apex", "Atlas", "Beacon", "Blue Ridge", "Cascade", "Central", "Coastal", "Crown",
        "Delta", "Eagle", "Empire", "Evergreen", "Frontier", "Global", "Granite", "Harbor", "Heritage", "Keystone",
        "Liberty", "Lakeside", "Midwest", "Northern", "Pacific", "Pinnacle", "Premier", "Summit", "Valley", "Western",
    ];

    private static readonly string[] NameTrades =
    [
        "Industrial Supply", "Packaging", "Fasteners", "Logistics", "Chemicals", "Electrical", "Plastics", "Steel",
        "Paper Products", "Hydraulics", "Bearings", "Safety Products", "Tooling",
    ];

    private static readonly string[] NameSuffixes = ["Inc.", "Ltd", "LLC", "Co.", "Corp.", "GmbH"];

    private static readonly string[] Products =
    [
        "Hex bolt M8x40", "Flat washer M8", "Nylon lock nut M10", "Corrugated box 12x12x12", "Stretch film 18in",
        "Pallet wrap black", "Safety gloves L", "Hydraulic hose 1/2in", "Ball bearing 6204", "Cable tie 300mm",
        "PVC pipe 2in", "Steel sheet 16ga", "Copper wire 12AWG", "Label roll 4x6", "Shrink sleeve 500",
    ];

    private static List<InvBuyer> Buyers() =>
    [
        .. new (string Code, string Name)[]
        {
            ("AB", "Anna Berg"), ("JS", "James Smith"), ("MO", "Máire O'Neill"), ("PK", "Priya Kumar"),
            ("LD", "Luis Díaz"), ("CW", "Chen Wei"), ("RT", "Rachel Thompson"), ("SM", "Søren Madsen"),
            ("TN", "Tom Nguyen"), ("EK", "Elif Kaya"), ("GH", "Grace Hall"), ("DW", "D'Arcy Walsh"),
        }.Select(b => new InvBuyer
        {
            Buyer = b.Code,
            Name = b.Name,
            Email = $"{b.Code.ToLowerInvariant()}@buyers.example",
        }),
    ];

    private static List<ApSupplier> Suppliers(Random random, int count)
    {
        var suppliers = new List<ApSupplier>(count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            string name;
            do
            {
                name = i < SpecialSupplierNames.Count
                    ? SpecialSupplierNames[i]
                    : $"{NameStarts[random.Next(NameStarts.Length)]} {NameTrades[random.Next(NameTrades.Length)]} "
                      + NameSuffixes[random.Next(NameSuffixes.Length)];
            }
            while (!used.Add(name));

            var code = string.Concat(AsciiLetters(name).Take(3)).ToUpperInvariant()
                       + (i + 1).ToString("000", CultureInfo.InvariantCulture);
            suppliers.Add(new ApSupplier
            {
                Supplier = code,
                SupplierName = name,
                SupShortName = name.Length > 20 ? name[..20] : name,
                SupplierClass = random.Next(3) switch { 0 => "LOCAL", 1 => "NATL", _ => "IMPORT" },
                Branch = "10",
                Telephone = $"555-{random.Next(100, 999)}-{random.Next(1000, 9999)}",
                Contact = "Accounts",
                Email = $"ap@{code.ToLowerInvariant()}.example",
                Currency = random.Next(10) == 0 ? "EUR" : "USD",
                CurrentBalance = random.Next(0, 5_000_000) / 100m,
                TermsCode = random.Next(2) == 0 ? "30" : "60",
                OnHold = random.Next(40) == 0 ? "Y" : "N",
            });
        }

        return suppliers;
    }

    private static IEnumerable<char> AsciiLetters(string name) =>
        name.Normalize(NormalizationForm.FormD).Where(char.IsAsciiLetter);

    private static List<StockItem> StockItems(
        Random random, int count, List<ApSupplier> suppliers, List<InvBuyer> buyers,
        DateTimeOffset today)
    {
        // "02" comes first: the recorded COMFND and COMFCH exchanges ask for it.
        var items = new List<StockItem> { Item("02", "Sample stock item", "TERP", 12.5m) };
        for (var i = 1; i < count; i++)
        {
            var product = Products[random.Next(Products.Length)];
            var code = $"{(char)('A' + (i % 6))}{100 + (i / 6)}-{i:000}";
            items.Add(Item(code, product, $"C{i % 8}", random.Next(50, 50_000) / 100m));
        }

        return items;

        StockItem Item(string code, string description, string productClass, decimal price) =>
            new(code, description, productClass, price, new InvMasterRow(code, new Dictionary<string, object?>
            {
                ["StockCode"] = code,
                ["Description"] = description.Length > 30 ? description[..30] : description,
                ["LongDesc"] = description.ToUpperInvariant(),
                ["StockUom"] = "EA",
                ["CostUom"] = "EA",
                ["ManufactureUom"] = "EA",
                ["ProductClass"] = productClass,
                ["WarehouseToUse"] = "FG",
                ["Supplier"] = suppliers[random.Next(suppliers.Count)].Supplier,
                ["Buyer"] = buyers[random.Next(buyers.Count)].Buyer,
                ["Mass"] = 1m,
                ["MaterialCost"] = price,
                ["DateStkAdded"] = today.AddDays(-random.Next(400, 4000)),
            }));
    }

    internal sealed record StockItem(string Code, string Description, string ProductClass, decimal Price, InvMasterRow Row);
}
