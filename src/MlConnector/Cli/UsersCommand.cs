using System.CommandLine;
using System.Text;
using MlConnector.Access;

namespace MlConnector.Cli;

/// <summary><c>ml-connector users add | remove</c>: the people who may sign in to the dashboard.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The user name to sign in with." };
        var role = AdminHost.RoleOption();
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (for scripts)." };
        var add = new Command("add", "Create a user (the password is asked for, or read with --password-stdin; stored hashed). " +
            "Exit 1 when the user exists.") { name, role, fromStdin }.Admin();
        add.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var password = result.GetValue(fromStdin) ? (await Console.In.ReadLineAsync(ct))?.Trim() ?? "" : Prompt();
            if (password.Length < 8)
            {
                await CliConsole.Error.WriteLineAsync("users add: the password must be at least 8 characters.");
                return ExitCodes.Failed;
            }

            var user = result.GetRequiredValue(name);
            if (!await services.GetRequiredService<OperatorStore>().AddAsync(user, password, result.GetRequiredValue(role), ct))
            {
                await CliConsole.Error.WriteLineAsync($"users add: user {user} already exists.");
                return ExitCodes.Failed;
            }

            CliConsole.Out.WriteLine($"User {user} added with role {result.GetRequiredValue(role)}. The dashboard now asks everyone to sign in.");
            return ExitCodes.Ok;
        }, ct));

        var removeName = new Argument<string>("name") { Description = "The user to remove." };
        var remove = new Command("remove", "Delete a user. Exit 1 when there is no such user.") { removeName }.Admin();
        remove.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var user = result.GetRequiredValue(removeName);
            var removed = await services.GetRequiredService<OperatorStore>().RemoveAsync(user, ct);
            await (removed ? CliConsole.Out : Console.Error).WriteLineAsync(removed ? $"User {user} removed." : $"users remove: no user {user}.");
            return removed ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));

        return new Command("users", "Dashboard users (until one exists, only this machine may use the dashboard and API).") { add, remove };
    }

    private static string Prompt()
    {
        if (Console.IsInputRedirected)
        {
            return "";
        }

        CliConsole.Out.Write("Password: ");
        var first = ReadHidden();
        CliConsole.Out.Write("Again: ");
        return first == ReadHidden() ? first : "";
    }

    private static string ReadHidden()
    {
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && text.Length > 0)
            {
                text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        CliConsole.Out.WriteLine();
        return text.ToString();
    }
}
