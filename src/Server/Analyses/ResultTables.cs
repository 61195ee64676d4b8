using System.Text;
using Contest.Contracts.V1;
using Contest.Core.Text;
using Contest.Server.Infrastructure;

namespace Contest.Server.Analyses;

/// <summary>
/// The tables of a worker's analysis result, checked and cleaned before they are stored: the result
/// comes over the network and is read as hostile. Too many tables, columns or rows, a row wider than
/// its table, or more text than an answer may carry are refused with InvalidArgument; names and cells
/// are cleaned of control characters and cut to their caps.
/// </summary>
internal static class ResultTables
{
    public const int MaxTables = 32;
    public const int MaxColumns = 32;
    public const int MaxRows = 2000;
    public const int MaxNameLength = 100;
    public const int MaxCellLength = 200;

    /// <summary>All tables' text together, in UTF-8 bytes: GetAnalysis must stay well under the 8 MiB a reply may have.</summary>
    public const int MaxTotalBytes = 2 << 20;

    public static List<TableState> Read(IReadOnlyList<ResultTable> tables)
    {
        if (tables.Count > MaxTables)
            throw RpcErrors.InvalidArgument($"an analysis result has at most {MaxTables} tables; this one has {tables.Count}.");
        var read = tables.Select(ReadTable).ToList();
        var bytes = read.Sum(BytesOf);
        if (bytes > MaxTotalBytes)
            throw RpcErrors.InvalidArgument(
                $"an analysis result's tables hold at most {MaxTotalBytes} bytes of text; these hold {bytes}. Put the raw runs in an artifact.");
        return read;
    }

    private static TableState ReadTable(ResultTable table, int index)
    {
        var name = ModelText.Clean(table.Name, MaxNameLength);
        var shown = name.Length > 0 ? $"'{name}'" : $"{index + 1}";
        if (table.Columns.Count > MaxColumns)
            throw RpcErrors.InvalidArgument($"table {shown} has {table.Columns.Count} columns; a table has at most {MaxColumns}.");
        if (table.Rows.Count > MaxRows)
            throw RpcErrors.InvalidArgument($"table {shown} has {table.Rows.Count} rows; a table has at most {MaxRows}. Put the raw runs in an artifact.");
        var rows = new List<RowState>(table.Rows.Count);
        foreach (var (row, number) in table.Rows.Select((r, i) => (r, i + 1)))
        {
            if (row.Cells.Count > table.Columns.Count)
                throw RpcErrors.InvalidArgument($"row {number} of table {shown} has {row.Cells.Count} cells; the table has {table.Columns.Count} columns.");
            rows.Add(new RowState { Cells = [.. row.Cells.Select(c => ModelText.Clean(c, MaxCellLength))] });
        }
        return new TableState { Name = name, Columns = [.. table.Columns.Select(c => ModelText.Clean(c, MaxNameLength))], Rows = rows };
    }

    private static long BytesOf(TableState table) =>
        Encoding.UTF8.GetByteCount(table.Name) + table.Columns.Sum(c => (long)Encoding.UTF8.GetByteCount(c)) +
        table.Rows.Sum(r => r.Cells.Sum(c => (long)Encoding.UTF8.GetByteCount(c)));
}
