// Service Bus: the topic the transactional outbox publishes to (docs/integration-events.md). Keys are off (disableLocalAuth):
// the app's identity sends with the built-in Data Sender role. MessageId is the outbox id, so duplicate detection drops a
// re-send after a crash; grade-changed and assessment-published carry SessionId = tenant, so a session-enabled subscription
// reads each tenant's ordered events in order.
param name string
param location string
param tags object
param identityPrincipalId string
param principalId string
param principalType string

@description('Topic the outbox publishes to (app setting ServiceBus__Topic).')
param topicName string = 'integration-events'

@description('How long the topic remembers message ids to drop re-sends (ISO 8601, at most 7 days).')
param duplicateDetectionWindow string = 'P1D'

var dataSender = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39' // Azure Service Bus Data Sender (Azure built-in roles)
var dataReceiver = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    defaultMessageTimeToLive: 'P14D'
    supportOrdering: true
  }
}

// Example consumer of the ordered kinds (an SIS or gradebook sync): one session per tenant, in send order.
resource orderedSync 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'ordered-sync'
  properties: {
    requiresSession: true
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT1M'
  }
}

resource orderedSyncRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: orderedSync
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: 'sys.Label IN (\'grade-changed\', \'assessment-published\')' }
  }
}

// Notifications (e-mail / push delivery): no sessions, each one on its own.
resource notifications 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: 'notifications'
  properties: {
    requiresSession: false
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT1M'
  }
}

resource notificationsRule 'Microsoft.ServiceBus/namespaces/topics/subscriptions/rules@2024-01-01' = {
  parent: notifications
  name: '$Default'
  properties: {
    filterType: 'SqlFilter'
    sqlFilter: { sqlExpression: 'sys.Label LIKE \'notification.%\'' }
  }
}

resource appSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, identityPrincipalId, dataSender)
  scope: topic
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataSender)
  }
}

// The operator running azd can read the subscriptions (peek a message, drain the example consumer).
resource operatorReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(topic.id, principalId, dataReceiver)
  scope: topic
  properties: {
    principalId: principalId
    principalType: principalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', dataReceiver)
  }
}

output name string = namespace.name
// Host name only (sb-abc.servicebus.windows.net): the endpoint property is https://{host}:443/.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output topicName string = topic.name
