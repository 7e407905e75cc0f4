// handlers log structured JSON for CloudWatch; test output stays readable without it
process.env.SOCIAL_DUTY_LOG_LEVEL = 'silent';
// the CLI and the local runtime silence the SDK's Node-version notice themselves; the tests load the SDK
// directly, so they do the same here (Node 20 is supported until its end of life)
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
