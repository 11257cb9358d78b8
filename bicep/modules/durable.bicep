// Durable Task Scheduler: the managed backend for orchestrations (no storage-account queues/tables).
param name string
param taskHubName string
param location string
param tags object
param identityPrincipalId string
param principalId string
param principalType string

@allowed(['Consumption', 'Dedicated'])
param skuName string = 'Consumption'

@description('Capacity units for the Dedicated SKU (each 2,000 actions/s); not sent for Consumption.')
@minValue(1)
@maxValue(3)
param capacity int = 1

@description('Days a completed or terminated orchestration is kept before the scheduler purges it (results live in Cosmos DB, not in the instance).')
@minValue(1)
@maxValue(90)
param completedRetentionDays int = 1

@description('Days a failed orchestration is kept (longer: the on-call engineer reads its failure details).')
@minValue(1)
@maxValue(90)
param failedRetentionDays int = 7

var durableTaskDataContributor = '0ad04412-c4d5-4796-b79c-f76d14c8d402'

resource scheduler 'Microsoft.DurableTask/schedulers@2025-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: skuName == 'Dedicated' ? { name: skuName, capacity: capacity } : { name: skuName }
    // An empty list denies every caller; access is by Entra identity and role below.
    ipAllowlist: ['0.0.0.0/0']
  }
}

resource taskHub 'Microsoft.DurableTask/schedulers/taskHubs@2025-11-01' = {
  parent: scheduler
  name: taskHubName
}

// Bounded scheduler memory: finished instances are purged after these windows (the LocalHost's in-memory engine does
// the same with Durable:CompletedRetention). Nothing the app reads depends on a finished instance.
resource retention 'Microsoft.DurableTask/schedulers/retentionPolicies@2025-11-01' = {
  parent: scheduler
  name: 'default'
  properties: {
    retentionPolicies: [
      { orchestrationState: 'Completed', retentionPeriodInDays: completedRetentionDays }
      { orchestrationState: 'Terminated', retentionPeriodInDays: completedRetentionDays }
      { orchestrationState: 'Canceled', retentionPeriodInDays: completedRetentionDays }
      { orchestrationState: 'Failed', retentionPeriodInDays: failedRetentionDays }
    ]
  }
}

resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scheduler.id, identityPrincipalId, durableTaskDataContributor)
  scope: scheduler
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
  }
}

resource operatorRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(scheduler.id, principalId, durableTaskDataContributor)
  scope: scheduler
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', durableTaskDataContributor)
  }
}

output endpoint string = scheduler.properties.endpoint
output taskHubName string = taskHub.name
