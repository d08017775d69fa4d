// POST /2010-04-01/Accounts/{AccountSid}/Messages.json with HTTP Basic (Account SID and Auth Token).
const sid = env.get('TWILIO_ACCOUNT_SID');
msg.url = env.get('TWILIO_API_URL') + '2010-04-01/Accounts/' + sid + '/Messages.json';
msg.method = 'POST';
msg.headers = {
    Authorization: 'Basic ' + Buffer.from(sid + ':' + env.get('TWILIO_AUTH_TOKEN')).toString('base64'),
    'content-type': 'application/x-www-form-urlencoded',
};
return msg;
