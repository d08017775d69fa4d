// Node-RED settings for the peer comparison: the flow file beside this file, plain credentials (there are none in
// the flow: the function nodes read the simulators' addresses and fake credentials from the environment), the
// editor on loopback as a do-it-yourself installation has it, and nothing that calls the internet.
module.exports = {
    uiHost: '127.0.0.1',
    uiPort: parseInt(process.env.PORT, 10),
    flowFile: 'flows.json',
    credentialSecret: false,
    flowFilePretty: true,
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false, ui: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
    editorTheme: { projects: { enabled: false }, tours: false },
    logging: { console: { level: 'info', metrics: false, audit: false } },
    functionExternalModules: false,
};
