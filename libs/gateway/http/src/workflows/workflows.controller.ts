import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { READ_MODEL, type ReadModelClient } from '@kyc/read-model';
import { SessionApplication, SESSION_COMMANDS, type SessionCommands } from '@kyc/session-application';
import { decisionRulesOf, latestWorkflowVersion, validateWorkflowDefinition, workflowVersion, type Workflow, type WorkflowDefinition } from '@kyc/workflow-domain';
import { CurrentTenant, RequireScope } from '../auth/auth.decorators';
import type { TenantPrincipal } from '../auth/scopes';
import { ApiError } from '../errors/api-error';
import { READ_MODEL_CONSISTENCY, type ReadModelConsistency } from '../http/app-tokens';
import { apiKeyOrigin } from '../http/request-origin';
import { UuidParam } from '../http/uuid-param.pipe';
import { GetWorkflowQuery, WorkflowBody } from './workflow.dto';

function presentWorkflow(workflow: Workflow, definition: WorkflowDefinition = latestWorkflowVersion(workflow)) {
  const { tenant_id: _tenant, ...rest } = definition;
  // Versions stored before decision rules existed read with the defaults, as processing applies them.
  return {
    ...rest,
    decision_rules: decisionRulesOf(definition),
    latest_version: workflow.versions.length,
    archived: workflow.archived,
    created_at: workflow.created_at,
    updated_at: workflow.updated_at,
  };
}

/** Versioned workflow definitions: PUT publishes the next version; sessions keep the version they pinned. */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller('kyc/workflows')
export class WorkflowsController {
  constructor(
    private readonly app: SessionApplication,
    @Inject(SESSION_COMMANDS) private readonly commands: SessionCommands,
    @Inject(READ_MODEL) private readonly db: ReadModelClient,
    @Inject(READ_MODEL_CONSISTENCY) private readonly consistency: ReadModelConsistency,
  ) {}

  @Post()
  @RequireScope('workflows:write')
  async create(@CurrentTenant() tenant: TenantPrincipal, @Body() body: WorkflowBody, @Req() request: FastifyRequest) {
    await this.requireSubsessionWorkflows(tenant, body);
    const workflowId = randomUUID();
    const result = await this.commands.handleWorkflow(
      workflowId,
      { type: 'CreateWorkflow', workflow_id: workflowId, tenant_id: tenant.tenantId, body: plain(body) },
      apiKeyOrigin(tenant, request),
      { expectNew: true },
    );
    return this.answer(result.state, result.position);
  }

  @Get()
  @RequireScope('workflows:read')
  async list(@CurrentTenant() tenant: TenantPrincipal) {
    const rows = await this.db.workflowVersion.findMany({
      where: { tenantId: tenant.tenantId },
      orderBy: [{ createdAt: 'desc' }, { workflowId: 'asc' }, { version: 'desc' }],
      distinct: ['workflowId'],
    });
    return {
      workflows: rows.map((row) => ({
        workflow_id: row.workflowId,
        name: row.name,
        version: row.version,
        archived: row.archived,
        created_at: row.createdAt.toISOString(),
      })),
    };
  }

  @Get(':workflow_id')
  @RequireScope('workflows:read')
  async get(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('workflow_id') workflowId: string, @Query() query: GetWorkflowQuery) {
    const workflow = await this.require(tenant, workflowId);
    if (query.version === undefined) return presentWorkflow(workflow);
    const definition = workflowVersion(workflow, query.version);
    if (!definition) throw ApiError.notFound(`version ${query.version} of the workflow`);
    return presentWorkflow(workflow, definition);
  }

  @Put(':workflow_id')
  @RequireScope('workflows:write')
  async publish(
    @CurrentTenant() tenant: TenantPrincipal,
    @UuidParam('workflow_id') workflowId: string,
    @Body() body: WorkflowBody,
    @Req() request: FastifyRequest,
  ) {
    await this.require(tenant, workflowId);
    await this.requireSubsessionWorkflows(tenant, body);
    const result = await this.commands.handleWorkflow(workflowId, { type: 'PublishWorkflowVersion', body: plain(body) }, apiKeyOrigin(tenant, request));
    return this.answer(result.state, result.position);
  }

  @Delete(':workflow_id')
  @HttpCode(200)
  @RequireScope('workflows:write')
  async archive(@CurrentTenant() tenant: TenantPrincipal, @UuidParam('workflow_id') workflowId: string, @Req() request: FastifyRequest) {
    await this.require(tenant, workflowId);
    const result = await this.commands.handleWorkflow(workflowId, { type: 'ArchiveWorkflow' }, apiKeyOrigin(tenant, request));
    if (result.position !== null) await this.consistency.waitFor(result.position);
    return { workflow_id: workflowId, archived: true };
  }

  private async require(tenant: TenantPrincipal, workflowId: string): Promise<Workflow> {
    const workflow = await this.app.findWorkflow(tenant.tenantId, workflowId);
    if (!workflow) throw ApiError.notFound('workflow');
    return workflow;
  }

  /**
   * A subsessions step names the workflow each related party follows: it must be one of the tenant's live
   * workflows, or every subsession created from the step would fail later, in front of the end user.
   */
  private async requireSubsessionWorkflows(tenant: TenantPrincipal, body: WorkflowBody): Promise<void> {
    const problems: { field: string; issue: string }[] = [];
    for (const [index, step] of body.steps.entries()) {
      if (step.type !== 'subsessions' || step.workflow_id === undefined) continue;
      const workflow = await this.app.findWorkflow(tenant.tenantId, step.workflow_id);
      if (!workflow) problems.push({ field: `steps[${index}].workflow_id`, issue: 'no such workflow' });
      else if (workflow.archived) problems.push({ field: `steps[${index}].workflow_id`, issue: 'the workflow is archived' });
    }
    if (problems.length === 0) return;
    // Every problem in one answer: the definition's own ones too, not only after the references are fixed.
    const definition = validateWorkflowDefinition(plain(body));
    if (!definition.ok) problems.push(...definition.problems);
    throw ApiError.invalid('the workflow definition is invalid', problems);
  }

  private async answer(state: Workflow | { exists: false }, position: bigint | null) {
    if (!state.exists) throw new Error('workflow was not written');
    if (position !== null) await this.consistency.waitFor(position);
    return presentWorkflow(state);
  }
}

/** The validated DTO as plain JSON for the domain (which applies its own rules and defaults). */
function plain(body: WorkflowBody): unknown {
  return JSON.parse(JSON.stringify(body));
}
