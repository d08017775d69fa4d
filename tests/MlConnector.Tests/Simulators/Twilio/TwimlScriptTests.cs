using MlConnector.Simulators.Twilio.Calls;

namespace MlConnector.Tests.Simulators.Twilio;

public sealed class TwimlScriptTests
{
    [Fact]
    public void Parse_GatherWithPrompt_TwimlDefaultsApplied()
    {
        var verbs = TwimlScript.Parse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Gather action="/ack"><Say>Press 1</Say></Gather><Say loop="2">Bye</Say><Hangup/></Response>
            """);

        var gather = Assert.IsType<GatherVerb>(verbs![0]);
        Assert.Equal(("/ack", "POST", 5, null, "#", false), (gather.Action, gather.Method, gather.Timeout, gather.NumDigits,
            gather.FinishOnKey, gather.ActionOnEmptyResult));
        Assert.Equal(new SayVerb("Press 1", 1), Assert.Single(gather.Prompts));
        Assert.Equal(new SayVerb("Bye", 2), verbs[1]);
        Assert.IsType<HangupVerb>(verbs[2]);
    }

    [Fact]
    public void Parse_UnknownVerbAndReject_SkippedAndHangup()
    {
        var verbs = TwimlScript.Parse("<Response><Dial>+15558675310</Dial><Reject/></Response>");

        Assert.Equal(new UnsupportedVerb("Dial"), verbs![0]);
        Assert.IsType<HangupVerb>(verbs[1]);
    }

    [Theory]
    [InlineData("not xml")]
    [InlineData("<Html><Say>x</Say></Html>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE Response [<!ENTITY x \"y\">]><Response>&x;</Response>")]
    public void Parse_NotTwiml_Null(string text) => Assert.Null(TwimlScript.Parse(text));
}
