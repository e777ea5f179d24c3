import { handle } from 'hono/aws-lambda';
import { depsFromEnv } from '../../shared/deps.ts';
import { createApp } from '../../shared/http/app.ts';

export const handler = handle(createApp(depsFromEnv()));
