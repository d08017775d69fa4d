using MlConnector.Rules;

namespace MlConnector.Tests.Rules;

public sealed class TransitionSpecTests
{
    [Theory]
    [InlineData("0->1", "0", "1", false, true)]
    [InlineData("0->1", "4", "1", false, false)]
    [InlineData("*->1", "0", "1", false, true)]
    [InlineData("*->1", null, "1", true, true)]
    [InlineData("0->1", null, "1", true, false)]
    [InlineData("*->1", "1", "1", false, false)]
    [InlineData("new", null, "1", true, true)]
    [InlineData("new", "0", "1", false, false)]
    [InlineData("*->'*'", "4", "*", false, true)]
    [InlineData("any->R", "", "R", false, true)]
    public void Matches_FollowsTheWrittenTransition(string text, string? from, string to, bool isNew, bool expected)
    {
        Assert.True(TransitionSpec.TryParse(text, out var spec));

        Assert.Equal(expected, spec.Matches(from, to, isNew));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("->1")]
    [InlineData("0->")]
    public void TryParse_Malformed_Fails(string text) => Assert.False(TransitionSpec.TryParse(text, out _));

    [Fact]
    public void FilterCondition_In_SplitsValuesAndKeepsBlank()
    {
        Assert.True(FilterCondition.TryParse("ReqnStatus in ,R", out var condition));

        Assert.Equal(FilterOperator.In, condition.Operator);
        Assert.Equal(["", "R"], condition.Values);
    }

    [Fact]
    public void FilterCondition_QuotedValueWithApostrophe_IsUnescaped()
    {
        Assert.True(FilterCondition.TryParse("SupplierName eq 'O''Brien & Sons'", out var condition));

        Assert.Equal("O'Brien & Sons", Assert.Single(condition.Values));
    }
}
