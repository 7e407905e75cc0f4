// handlers log structured JSON for CloudWatch; test output stays readable without it
process.env.SOCIAL_DUTY_LOG_LEVEL = 'silent';
