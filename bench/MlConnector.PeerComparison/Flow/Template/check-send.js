// Twilio answers 201 with the message; anything else is logged. The flow does not retry: that text is lost.
if (msg.statusCode !== 201) {
    const code = msg.payload && msg.payload.code;
    node.warn('peer-send-failed status=' + msg.statusCode + ' code=' + code);
}
return null;
