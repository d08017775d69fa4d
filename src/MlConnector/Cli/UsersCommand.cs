using System.CommandLine;
using System.Text;
using MlConnector.Access;

namespace MlConnector.Cli;

/// <summary><c>ml-connector users add | password | role | remove</c>: the people who may sign in to the dashboard. A
/// new password, a new role and removal end every session of that user at once.</summary>
internal static class UsersCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The user name to sign in with." };
        var role = AdminHost.RoleOption(forUsers: true);
        var fromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (for scripts)." };
        var phone = new Option<string?>("--phone") { Description = "The user's phone number for sign-in codes (when Twilio:VerifyServiceSid is set)." };
        var add = new Command("add", "Create a user (the password is asked for, or read with --password-stdin; stored hashed). " +
            "Exit 1 when the user exists.") { name, role, fromStdin, phone }.Admin();
        add.SetAction((result, ct) => AdminHost.RunAsync(result, needsKey: !string.IsNullOrWhiteSpace(result.GetValue(phone)), async services =>
        {
            var password = result.GetValue(fromStdin) ? (await Console.In.ReadLineAsync(ct))?.Trim() ?? "" : Prompt();
            if (password.Length < 8)
            {
                await CliConsole.Error.WriteLineAsync("users add: the password must be at least 8 characters.");
                return ExitCodes.Failed;
            }

            var user = result.GetRequiredValue(name);
            var phones = services.GetRequiredService<OperatorPhones>();
            if (phones.Problem(result.GetValue(phone)) is { } problem)
            {
                await CliConsole.Error.WriteLineAsync($"users add: --phone: {problem}");
                return ExitCodes.Failed;
            }

            if (!await services.GetRequiredService<OperatorStore>().AddAsync(user, password, result.GetRequiredValue(role), ct))
            {
                await CliConsole.Error.WriteLineAsync($"users add: user {user} already exists.");
                return ExitCodes.Failed;
            }

            if (result.GetValue(phone) is { Length: > 0 } number)
            {
                await phones.SetAsync(user, number, ct);
            }

            CliConsole.Out.WriteLine($"User {user} added with role {result.GetRequiredValue(role)}. The dashboard now asks everyone to sign in.");
            return ExitCodes.Ok;
        }, ct));

        var removeName = new Argument<string>("name") { Description = "The user to remove." };
        var remove = new Command("remove", "Delete a user; the user's sessions end at once. Exit 1 when there is no such user.") { removeName }.Admin();
        remove.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var user = result.GetRequiredValue(removeName);
            var removed = await services.GetRequiredService<OperatorStore>().RemoveAsync(user, ct);
            await (removed ? CliConsole.Out : Console.Error).WriteLineAsync(removed ? $"User {user} removed." : $"users remove: no user {user}.");
            return removed ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));

        var passwordName = new Argument<string>("name") { Description = "The user whose password changes." };
        var passwordFromStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (for scripts)." };
        var password = new Command("password", "Set a user's password (asked for, or read with --password-stdin) and end the " +
            "user's sessions. Exit 1 when there is no such user.") { passwordName, passwordFromStdin }.Admin();
        password.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var secret = result.GetValue(passwordFromStdin) ? (await Console.In.ReadLineAsync(ct))?.Trim() ?? "" : Prompt();
            if (secret.Length < 8)
            {
                await Console.Error.WriteLineAsync("users password: the password must be at least 8 characters.");
                return ExitCodes.Failed;
            }

            var user = result.GetRequiredValue(passwordName);
            var changed = await services.GetRequiredService<OperatorStore>().SetPasswordAsync(user, secret, ct);
            await (changed ? Console.Out : Console.Error).WriteLineAsync(changed
                ? $"Password of {user} changed; the user's sessions have ended." : $"users password: no user {user}.");
            return changed ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));

        var roleName = new Argument<string>("name") { Description = "The user whose role changes." };
        var newRole = AdminHost.RoleOption(forUsers: true);
        var setRole = new Command("role", "Give a user another role (--role) and end the user's sessions. Exit 1 when there " +
            "is no such user.") { roleName, newRole }.Admin();
        setRole.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var user = result.GetRequiredValue(roleName);
            var changed = await services.GetRequiredService<OperatorStore>().SetRoleAsync(user, result.GetRequiredValue(newRole), ct);
            await (changed ? Console.Out : Console.Error).WriteLineAsync(changed
                ? $"User {user} now has role {result.GetRequiredValue(newRole)}; the user's sessions have ended." : $"users role: no user {user}.");
            return changed ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));

        return new Command("users", "Dashboard users (until one exists, only this machine may use the dashboard and API).")
        {
            add, password, setRole, UsersSecondFactorCommands.Phone(), UsersSecondFactorCommands.RecoveryCodes(), remove,
        };
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
