// One page of a poll: compare each row's status with the last one kept in flow context and emit an event for every
// transition the rules cover (output 2); follow @odata.nextLink (output 1) until the set is read. The first complete
// read of a set is the baseline: it texts nobody. A failed page ends the poll; the next tick starts a new one.
const source = msg.source;
const poll = msg.poll;
if (msg.statusCode !== 200 || !msg.payload || !Array.isArray(msg.payload.value)) {
    node.warn('peer-poll-failed source=' + source.name + ' status=' + msg.statusCode);
    flow.set('busy_' + source.name, 0);
    return null;
}
let state = flow.get('state_' + source.name);
if (!state) {
    state = { baselined: false, last: {} };
    flow.set('state_' + source.name, state);
}
const events = [];
for (const row of msg.payload.value) {
    const key = source.keys.map(k => row[k]).join('|');
    const now = source.status ? row[source.status] : 'seen';
    const before = state.last[key];
    const fires = source.status ? source.targets.includes(now) : before === undefined;
    if (state.baselined && before !== now && fires) {
        events.push({ event: { source: source.name, row: row, from: before, to: now }, auth: msg.auth });
    }
    state.last[key] = now;
}
poll.pages++;
poll.rows += msg.payload.value.length;
poll.events += events.length;
const next = msg.payload['@odata.nextLink'];
if (next) {
    msg.url = next;
    msg.headers = { Authorization: msg.auth, Accept: 'application/json' };
    delete msg.payload;
    return [msg, events];
}
const baseline = !state.baselined;
state.baselined = true;
flow.set('busy_' + source.name, 0);
node.log('peer-poll source=' + source.name + ' rows=' + poll.rows + ' pages=' + poll.pages + ' events=' + poll.events
    + ' ms=' + (Date.now() - poll.started) + ' baseline=' + baseline);
return [null, events];
