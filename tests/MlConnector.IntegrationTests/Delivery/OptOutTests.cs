using Dapper;
using Microsoft.Extensions.DependencyInjection;
using MlConnector.Alerts;
using MlConnector.Simulators.Twilio;
using MlConnector.Storage;

namespace MlConnector.IntegrationTests.Delivery;

/// <summary>STOP, START and HELP: an opt-out belongs to the sender the person texted and their phone, not to a company.</summary>
public sealed class OptOutTests
{
    private const string Phone = "+15557010701";
    private const string OtherNumberOfTheAccount = "+15005550010";

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task Stop_ToOurSender_SuppressesTheTextsOfEveryCompany(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store);
        await h.AddCompanyAsync("east");

        await h.Simulator.InjectInboundAsync(Phone, "STOP", TestContext.Current.CancellationToken);
        var east = await h.EnqueueAsync(Phone, "PO 7100 approved", "po-7100", company: "east");
        var home = await h.EnqueueAsync(Phone, "PO 7101 approved", "po-7101");
        await h.DriveUntilAsync(async () => (await h.AlertAsync(east)).State != AlertStates.Pending
            && (await h.AlertAsync(home)).State != AlertStates.Pending, TimeSpan.FromMilliseconds(500));

        Assert.Equal((AlertStates.Suppressed, AlertStates.Suppressed), ((await h.AlertAsync(east)).State, (await h.AlertAsync(home)).State));
        Assert.Empty(h.Simulator.CreateRequests);
    }

    [Fact]
    public async Task Stop_ToAnotherNumberOfTheAccount_LeavesTextsFromOurSenderAlone()
    {
        var options = new TwilioSimulatorOptions { OptOutsPerSender = true };
        options.PhoneNumbers.Add(OtherNumberOfTheAccount);
        await using var h = await DeliveryHarness.StartAsync(options);

        await h.Simulator.InjectInboundAsync(Phone, "STOP", OtherNumberOfTheAccount, TestContext.Current.CancellationToken);
        var id = await h.EnqueueAsync(Phone, "PO 7102 approved", "po-7102");
        await h.DriveUntilStateAsync(id, AlertStates.Delivered);

        Assert.Single(h.Simulator.CreateRequests);
    }

    [Fact]
    public async Task Stop_ThroughOurMessagingService_SuppressesTextsSentThroughIt()
    {
        var options = new TwilioSimulatorOptions { OptOutsPerSender = true };
        await using var h = await DeliveryHarness.StartAsync(options, ("Twilio:From", ""),
            ("Twilio:MessagingServiceSid", options.MessagingServiceSid));
        // The service's inbound URL takes the number's texts: the webhook names the service the person texted.
        await global::Twilio.Rest.Messaging.V1.ServiceResource.UpdateAsync(pathSid: options.MessagingServiceSid,
            inboundRequestUrl: new Uri(h.ConnectorAddress, "/webhooks/twilio/inbound"), useInboundWebhookOnNumber: false,
            client: Simulators.Twilio.SdkClients.ForSimulator(h.Simulator));

        var stop = await h.Simulator.InjectInboundAsync(Phone, "Stop", TestContext.Current.CancellationToken);
        var id = await h.EnqueueAsync(Phone, "PO 7103 approved", "po-7103");
        await h.DriveUntilStateAsync(id, AlertStates.Suppressed);

        Assert.Equal(200, stop.HttpStatus);
        Assert.Empty(h.Simulator.CreateRequests);
    }

    [Fact]
    public async Task Start_AfterStop_TextsAgainThroughThatSender()
    {
        await using var h = await DeliveryHarness.StartAsync();
        await h.Simulator.InjectInboundAsync(Phone, "STOP", TestContext.Current.CancellationToken);
        await h.Simulator.InjectInboundAsync(Phone, "UNSTOP", TestContext.Current.CancellationToken);

        var id = await h.EnqueueAsync(Phone, "PO 7104 approved", "po-7104");
        await h.DriveUntilStateAsync(id, AlertStates.Delivered);
    }

    [Fact]
    public async Task Help_ByDefault_AnswersNothing_TwilioAnswersHelpItself()
    {
        await using var h = await DeliveryHarness.StartAsync();

        var help = await h.Simulator.InjectInboundAsync(Phone, "help", TestContext.Current.CancellationToken);

        Assert.Equal((200, """<?xml version="1.0" encoding="UTF-8"?><Response/>"""), (help.HttpStatus, help.Body));
    }

    [Fact]
    public async Task Help_WithAReplySet_AnswersItAsTwiml()
    {
        await using var h = await DeliveryHarness.StartAsync(null, ("Twilio:HelpReply", "ACME alerts: call <IT> on 555-0100 & reply STOP to end."));

        var help = await h.Simulator.InjectInboundAsync(Phone, " INFO ", TestContext.Current.CancellationToken);

        Assert.Equal((200, "text/xml"), (help.HttpStatus, help.ContentType));
        Assert.Equal("""<?xml version="1.0" encoding="UTF-8"?><Response><Message>ACME alerts: call &lt;IT&gt; on 555-0100 &amp; reply STOP to end.</Message></Response>""",
            help.Body);
        Assert.Contains(await h.AuditAsync(), a => a.Kind == "inbound" && a.Detail!.Contains("\"action\":\"help-replied\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(DeliveryStore.Sqlite)]
    [InlineData(DeliveryStore.Postgres)]
    public async Task OptOut_WrittenBeforeSendersWereKept_IsAdoptedForTheConfiguredSender(DeliveryStore store)
    {
        await using var h = await DeliveryHarness.StartAsync(store);
        var index = h.App.Services.GetRequiredService<MlConnector.Security.FieldProtector>().BlindIndex(Phone);
        await using (var connection = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken))
        {
            // What the migration leaves of an opt-out from before: no sender (it was the one configured then).
            await connection.ExecuteAsync(
                "INSERT INTO opt_outs (sender_key, phone_index, company_id, phone, opted_out_at, source) VALUES ('', @index, 'default', @phone, 0, 'STOP')",
                new { index, phone = new byte[] { 1 } });
        }

        await h.StopConnectorAsync();
        await h.StartConnectorAsync();
        var id = await h.EnqueueAsync(Phone, "PO 7105 approved", "po-7105");
        await h.DriveUntilStateAsync(id, AlertStates.Suppressed);

        await using var check = await h.App.Services.GetRequiredService<IDbDialect>().OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DeliveryHarness.From, await check.ExecuteScalarAsync<string>("SELECT sender_key FROM opt_outs"));
    }
}
