using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MlConnector.Storage;

/// <summary>The database cannot be opened or written: locked, read-only, unreachable, or refusing the credentials.
/// The message says which database, what is wrong and which setting to look at, in one line.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner)
{
    // SQLite's result codes (https://sqlite.org/rescode.html).
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int CannotOpen = 14;

    /// <summary>A clear exception for what opening or migrating <paramref name="database"/> threw, or null when it is not
    /// one of the foreseeable failures (a bug then keeps its stack trace).</summary>
    public static DatabaseUnavailableException? From(Exception e, string database, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(options);
        for (var cause = e; cause is not null; cause = cause.InnerException)
        {
            if (Explain(cause, database, options) is { } message)
            {
                return new DatabaseUnavailableException(message, e);
            }
        }

        return null;
    }

    private static string? Explain(Exception e, string database, StorageOptions options) =>
        e switch
        {
            SqliteException { SqliteErrorCode: Busy or Locked } =>
                $"{database} is locked by another program (waited {options.CommandTimeout:c}, Storage:CommandTimeout); " +
                "stop the program that holds it, or wait and try again.",
            SqliteException { SqliteErrorCode: ReadOnly or CannotOpen } or UnauthorizedAccessException or IOException =>
                $"{database} cannot be created or written ({Reason(e)}): give the service account write access to " +
                $"{options.DataFolder} or choose another folder with Storage:DataFolder.",
            PostgresException p when p.SqlState[..2] is "28" or "3D" or "08" or "53" or "57" =>
                $"{database} refused the connection: {p.MessageText} (Storage:ConnectionString).",
            NpgsqlException or SocketException or TimeoutException =>
                $"{database} cannot be reached ({Reason(e)}); check Storage:ConnectionString and that the server is running.",
            _ => null,
        };

    private static string Reason(Exception e) =>
        (e.InnerException is SocketException or IOException && e.InnerException.Message.Length > 0 ? e.InnerException : e).Message.TrimEnd('.');
}
