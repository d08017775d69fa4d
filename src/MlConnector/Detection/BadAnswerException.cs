namespace MlConnector.Detection;

/// <summary>A read that cannot be believed as a whole (rows without their key or status, too many unknown statuses, a
/// change too large to take from one read): the poll fails with this message and changes nothing.</summary>
public sealed class BadAnswerException(string message) : Exception(message);
