using System.CommandLine;
using MlConnector.Access;

namespace MlConnector.Cli;

/// <summary><c>ml-connector apikeys create | revoke</c>: keys for scripts calling the JSON API.</summary>
internal static class ApiKeysCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "A name for the key (who or what uses it)." };
        var role = AdminHost.RoleOption(forUsers: false);
        var create = new Command("create", "Create an API key and print it once (only its hash is stored). Exit 1 when the name is taken.")
        {
            name, role,
        }.Admin();
        create.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var keyName = result.GetRequiredValue(name);
            if (await services.GetRequiredService<ApiKeyStore>().CreateAsync(keyName, result.GetRequiredValue(role), ct) is not { } key)
            {
                await CliConsole.Error.WriteLineAsync($"apikeys create: a key named {keyName} already exists.");
                return ExitCodes.Failed;
            }

            CliConsole.Out.WriteLine(key);
            await CliConsole.Error.WriteLineAsync($"API key {keyName} ({result.GetRequiredValue(role)}) created. It is shown only now: " +
                "send it as the X-Api-Key header.");
            return ExitCodes.Ok;
        }, ct));

        var revokeName = new Argument<string>("name") { Description = "The key to revoke." };
        var revoke = new Command("revoke", "Revoke an API key at once. Exit 1 when there is no such live key.") { revokeName }.Admin();
        revoke.SetAction((result, ct) => AdminHost.RunAsync(result, false, async services =>
        {
            var keyName = result.GetRequiredValue(revokeName);
            var revoked = await services.GetRequiredService<ApiKeyStore>().RevokeAsync(keyName, ct);
            await (revoked ? CliConsole.Out : Console.Error).WriteLineAsync(revoked ? $"API key {keyName} revoked." : $"apikeys revoke: no live key {keyName}.");
            return revoked ? ExitCodes.Ok : ExitCodes.Failed;
        }, ct));

        return new Command("apikeys", "API keys for the JSON API.") { create, revoke };
    }
}
