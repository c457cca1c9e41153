import * as gcp from '@pulumi/gcp';
import * as pulumi from '@pulumi/pulumi';

import { qualitySinkFilter } from './quality-filter.ts';

export interface QualityEventsArgs {
  readonly project: string;
  /** Datasets whose loads and table creations trigger quality (the silver dataset). */
  readonly datasetIds: readonly pulumi.Input<string>[];
}

/**
 * BigQuery load completions and table creations, as Cloud Logging audit entries, routed by a
 * project sink to a Pub/Sub topic; the quality function subscribes to that topic. The sink gets
 * its own writer identity, which is granted publisher on this topic only.
 */
export class QualityEvents extends pulumi.ComponentResource {
  readonly topic: gcp.pubsub.Topic;
  readonly sink: gcp.logging.ProjectSink;

  constructor(name: string, args: QualityEventsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('matriz:gcp:QualityEvents', name, {}, opts);

    this.topic = new gcp.pubsub.Topic(
      `${name}-topic`,
      { messageRetentionDuration: '604800s', labels: { app: 'matriz' } },
      { parent: this },
    );
    this.sink = new gcp.logging.ProjectSink(
      `${name}-sink`,
      {
        destination: pulumi.interpolate`pubsub.googleapis.com/${this.topic.id}`,
        filter: pulumi
          .all([...args.datasetIds])
          .apply((ids) => qualitySinkFilter(args.project, ids)),
        uniqueWriterIdentity: true,
        description: 'BigQuery silver loads and table creations, for the quality function.',
      },
      { parent: this },
    );
    new gcp.pubsub.TopicIAMMember(
      `${name}-sink-publisher`,
      { topic: this.topic.name, role: 'roles/pubsub.publisher', member: this.sink.writerIdentity },
      { parent: this },
    );

    this.registerOutputs({ topic: this.topic.id, sinkWriterIdentity: this.sink.writerIdentity });
  }
}
