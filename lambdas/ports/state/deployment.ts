/** What the last `cdk deploy` put live, as the stack wrote it into the state table. */
export interface DeployedRelease {
  /** the config version hash the functions were bundled with */
  configVersion: string;
  /** the git commit it was deployed from, when the deploy named one (`-c commit=SHA`) */
  commit?: string;
  /** when the deploy's template was synthesized: `cdk deploy` does that just before deploying */
  deployedAt: string;
}

/**
 * Read by `social-duty status` for its drift guard, so it needs no CloudFormation call. Only the deploy writes
 * it; a local state has none.
 */
export interface DeploymentRecord {
  get(): Promise<DeployedRelease | undefined>;
}
