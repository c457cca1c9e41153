import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

import type { DeployedFunction } from './compute.ts';

/**
 * The routes of the API (the same as the local `serve` command). Writes also check the bearer
 * token in the function; API Gateway authenticates every route first.
 */
export const API_ROUTES = [
  'GET /health',
  'GET /datasets',
  'GET /quality',
  'GET /plants/{dataset}/{key+}',
  'POST /ingest/{dataset}',
  'POST /records/{dataset}',
] as const;

/** Arguments of {@link Api}. */
export interface ApiArgs {
  readonly namePrefix: string;
  readonly handler: DeployedFunction;
  /** JWT issuer and audiences; omitted, every route requires IAM (SigV4) authorization. */
  readonly jwt?: { readonly issuer: string; readonly audiences: readonly string[] };
}

/**
 * The HTTP API (API Gateway v2): every route authenticated (JWT authorizer, or IAM), proxied to
 * the api function with payload format 2.0, with a throttled auto-deployed stage.
 */
export class Api extends pulumi.ComponentResource {
  readonly api: aws.apigatewayv2.Api;
  readonly routes: readonly aws.apigatewayv2.Route[];
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: ApiArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:aws:Api', name, {}, opts);
    const parent = { parent: this };
    this.api = new aws.apigatewayv2.Api(
      `${name}-http`,
      { name: `${args.namePrefix}-api`, protocolType: 'HTTP' },
      parent,
    );
    const integration = new aws.apigatewayv2.Integration(
      `${name}-lambda`,
      {
        apiId: this.api.id,
        integrationType: 'AWS_PROXY',
        integrationUri: args.handler.fn.arn,
        payloadFormatVersion: '2.0',
      },
      parent,
    );
    const authorizer = args.jwt
      ? new aws.apigatewayv2.Authorizer(
          `${name}-jwt`,
          {
            apiId: this.api.id,
            authorizerType: 'JWT',
            identitySources: ['$request.header.Authorization'],
            jwtConfiguration: { issuer: args.jwt.issuer, audiences: [...args.jwt.audiences] },
          },
          parent,
        )
      : undefined;
    this.routes = API_ROUTES.map(
      (routeKey) =>
        new aws.apigatewayv2.Route(
          `${name}-${routeKey
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/-+$/, '')}`,
          {
            apiId: this.api.id,
            routeKey,
            target: pulumi.interpolate`integrations/${integration.id}`,
            ...(authorizer
              ? { authorizationType: 'JWT', authorizerId: authorizer.id }
              : { authorizationType: 'AWS_IAM' }),
          },
          parent,
        ),
    );
    new aws.apigatewayv2.Stage(
      `${name}-stage`,
      {
        apiId: this.api.id,
        name: '$default',
        autoDeploy: true,
        defaultRouteSettings: { throttlingBurstLimit: 50, throttlingRateLimit: 20 },
      },
      parent,
    );
    new aws.lambda.Permission(
      `${name}-invoke`,
      {
        action: 'lambda:InvokeFunction',
        function: args.handler.fn.name,
        principal: 'apigateway.amazonaws.com',
        sourceArn: pulumi.interpolate`${this.api.executionArn}/*/*`,
      },
      parent,
    );
    this.url = this.api.apiEndpoint;
    this.registerOutputs({ url: this.url });
  }
}
