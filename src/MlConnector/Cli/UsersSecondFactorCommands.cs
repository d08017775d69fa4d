using System.CommandLine;
using MlConnector.Access;
using MlConnector.Audit;

namespace MlConnector.Cli;

/// <summary><c>ml-connector users phone | recovery-codes</c>: what a user signs in with after the password when the
/// second factor is on (<c>Twilio:VerifyServiceSid</c>): the phone number Verify texts the code to, and one-time
/// recovery codes for when no code can reach that phone.</summary>
internal static class UsersSecondFactorCommands
{
    private static string Actor => $"cli:{Environment.UserName}";

    public static Command Phone()
    {
        var name = new Argument<string>("name") { Description = "The user whose phone number changes." };
        var number = new Argument<string?>("number") { Description = "The phone number, in any common notation (+1 555 010 0001).", Arity = ArgumentArity.ZeroOrOne };
        var remove = new Option<bool>("--remove") { Description = "Remove the user's phone number instead." };
        var command = new Command("phone", "Set the phone number a user's sign-in codes are texted to (stored encrypted), or " +
            "remove it with --remove. Exit 1 when there is no such user or the number cannot be read.") { name, number, remove }.Admin();
        command.SetAction((result, ct) => AdminHost.RunAsync(result, true, async services =>
        {
            var user = result.GetRequiredValue(name);
            var given = result.GetValue(number);
            if (result.GetValue(remove) == !string.IsNullOrWhiteSpace(given))
            {
                await CliConsole.Error.WriteLineAsync("users phone: give a number, or --remove (not both).");
                return ExitCodes.Usage;
            }

            var change = await services.GetRequiredService<OperatorPhones>().SetAsync(user, given, ct);
            if (!change.Done)
            {
                await CliConsole.Error.WriteLineAsync($"users phone: {change.Message}");
                return ExitCodes.Failed;
            }

            await services.GetRequiredService<AccessAudit>().RecordAsync(AuditKinds.UserPhoneSet, Actor, new { user, phone = change.Phone is not null }, ct);
            CliConsole.Out.WriteLine(change.Phone is null ? $"Phone number of {user} removed." : $"Phone number of {user} set to {change.Message}.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command RecoveryCodes()
    {
        var name = new Argument<string>("name") { Description = "The user who gets new recovery codes." };
        var command = new Command("recovery-codes", $"Generate {Access.RecoveryCodes.SetSize} new one-time recovery codes for a " +
            "user and print them once (only keyed hashes are stored; earlier codes stop working). Exit 1 when there is no such user.")
        {
            name,
        }.Admin();
        command.SetAction((result, ct) => AdminHost.RunAsync(result, true, async services =>
        {
            var user = result.GetRequiredValue(name);
            if (await services.GetRequiredService<Access.RecoveryCodes>().RegenerateAsync(user, ct) is not { } codes)
            {
                await CliConsole.Error.WriteLineAsync($"users recovery-codes: no user {user}.");
                return ExitCodes.Failed;
            }

            await services.GetRequiredService<AccessAudit>().RecordAsync(AuditKinds.RecoveryCodesGenerated, Actor, new { user }, ct);
            foreach (var code in codes)
            {
                CliConsole.Out.WriteLine(code);
            }

            await CliConsole.Error.WriteLineAsync($"Recovery codes of {user}: shown only now. Each signs in once without a texted code; " +
                "earlier codes no longer work.");
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}
