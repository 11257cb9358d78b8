// EdTech.Serverless on Azure: one `azd up` provisions everything the Functions app needs, with
// identities instead of keys. See docs/azure.md for the choices and docs/configuration.md for settings.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Primary region for all resources.')
param location string

@description('Object id of the person or pipeline running azd; gets data access for operations. Empty to skip.')
param principalId string = ''

@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

@description('Region for Azure OpenAI when the primary region lacks the model.')
param openAiLocation string = location

@description('Audience (application ID URI or client id) tokens must be issued for.')
param authAudience string

@description('Issuer of the tokens the platform trusts, e.g. https://login.microsoftonline.com/{tenantid}/v2.0.')
param authIssuer string

@description('OpenID metadata address of that issuer.')
param authMetadataAddress string

@description('Entra directory id of the platform team (platform-admin tokens).')
param platformDirectoryId string

@description('Comma-separated browser origins allowed by CORS; empty for none.')
param corsAllowedOrigins string = ''

@description('Publisher e-mail API Management requires.')
param apimPublisherEmail string

@description('Import each role API from /api/openapi/{role}.json; only once the app code is deployed (deploy.yml sets it).')
param importOpenApiFromApp bool = false

@description('Cosmos DB capacity mode: serverless for dev environments, autoscale (default) for production.')
param cosmosServerless bool = false

// Capacity profile (docs/capacity.md): "idle" between exam seasons, "exam" from shortly before an exam session.
@description('Function instances kept warm for HTTP: 0 scales to zero (idle profile); 4-10 before an exam (cold start).')
@minValue(0)
param alwaysReadyHttp int = 0

@description('Upper bound of Function instances at the peak.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 200

@description('Durable Task Scheduler SKU: Consumption (pay per action, up to 500 actions/s; idle) or Dedicated (2,000 actions/s per capacity unit; exam).')
@allowed(['Consumption', 'Dedicated'])
param durableSkuName string = 'Consumption'

@description('Capacity units of the Dedicated SKU (1-3); ignored for Consumption.')
@minValue(1)
@maxValue(3)
param durableCapacity int = 1

// Cosmos autoscale ceilings (RU/s; each idles at a tenth): see modules/cosmos.bicep and docs/azure.md for the profiles.
@description('Cosmos DB: ceiling of the database throughput the quieter containers share.')
param cosmosSharedMaxThroughput int = 4000
@description('Cosmos DB: ceiling of each intake container (submissions, submission-views).')
param cosmosIntakeMaxThroughput int = 10000
@description('Cosmos DB: ceiling of each per-answer projection container (responses, item-stats, learner-state).')
param cosmosAnswersMaxThroughput int = 4000

@description('Chat model deployed in Azure OpenAI.')
param openAiModelName string = 'gpt-4o-mini'
param openAiModelVersion string = '2024-07-18'
param openAiCapacity int = 30

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var taskHubName = 'edtech'
var origins = filter(map(split(corsAllowedOrigins, ','), o => trim(o)), o => !empty(o))
// The app reads Cors:AllowedOrigins as an array: Cors__AllowedOrigins__0, __1, ...
var corsSettings = toObject(range(0, length(origins)), i => 'Cors__AllowedOrigins__${i}', i => origins[i])

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    appInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

// SLO burn-rate alerts generated from SloCatalog (docs/slo.md).
module alerts 'modules/alerts.bicep' = {
  scope: rg
  params: {
    appInsightsName: monitoring.outputs.appInsightsName
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module durable 'modules/durable.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.durableTaskSchedulers}${resourceToken}'
    taskHubName: taskHubName
    skuName: durableSkuName
    capacity: durableCapacity
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    serverless: cosmosServerless
    sharedMaxThroughput: cosmosSharedMaxThroughput
    intakeMaxThroughput: cosmosIntakeMaxThroughput
    answersMaxThroughput: cosmosAnswersMaxThroughput
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
  }
}

module redis 'modules/redis.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.cacheRedisEnterprise}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module openAi 'modules/openai.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesAccounts}${resourceToken}'
    location: openAiLocation
    tags: tags
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    capacity: openAiCapacity
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.serviceBusNamespaces}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
  }
}

module functions 'modules/functions.bicep' = {
  scope: rg
  params: {
    planName: '${abbrs.webServerFarms}${resourceToken}'
    appName: '${abbrs.webSitesFunctions}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    alwaysReadyHttp: alwaysReadyHttp
    maximumInstanceCount: maximumInstanceCount
    appSettings: union(corsSettings, {
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      AZURE_CLIENT_ID: identity.outputs.clientId
      TASKHUB_NAME: durable.outputs.taskHubName
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durable.outputs.endpoint};Authentication=ManagedIdentity;ClientID=${identity.outputs.clientId}'
      // The store (StoreComposition): Cosmos DB with the managed identity (no key), never SQLite in Azure.
      Store__Provider: 'cosmos'
      Store__Cosmos__Endpoint: cosmos.outputs.endpoint
      Store__Cosmos__Database: cosmos.outputs.databaseName
      // Cosmos DB triggers (Connection = "CosmosTrigger"), read by the Functions host's Cosmos DB extension.
      CosmosTrigger__accountEndpoint: cosmos.outputs.endpoint
      CosmosTrigger__credential: 'managedidentity'
      CosmosTrigger__clientId: identity.outputs.clientId
      // HybridCache's shared L2 (EdTechCacheOptions): Azure Managed Redis with a Microsoft Entra token.
      Redis__HostName: redis.outputs.hostName
      Redis__Port: string(redis.outputs.port)
      Redis__ClientId: identity.outputs.clientId
      OpenAI__Endpoint: openAi.outputs.endpoint
      OpenAI__Deployment: openAi.outputs.deploymentName
      // Integration events and notifications through the outbox.
      ServiceBus__FullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
      ServiceBus__Topic: serviceBus.outputs.topicName
      ServiceBus__ClientId: identity.outputs.clientId
      Auth__Audience: authAudience
      Auth__Issuers__0__Issuer: authIssuer
      Auth__Issuers__0__MetadataAddress: authMetadataAddress
      Auth__PlatformDirectoryIds__0: platformDirectoryId
      // Safety nets only, hourly, so an idle app is not woken every minute: grading starts from the change feed, and
      // each afterDue/scheduled release has its own durable timer (ReleaseAtOrchestrator); docs/capacity.md.
      RECONCILE_GRADING_SCHEDULE: '0 10 * * * *'
      RELEASE_DUE_SCHEDULE: '0 5 * * * *'
      NIGHTLY_RELEASE_SCHEDULE: '0 0 * * * *'
      CALIBRATE_SCHEDULE: '0 30 2 * * *'
    })
  }
}

module apim 'modules/apim.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.apiManagementService}${resourceToken}'
    location: location
    tags: tags
    publisherEmail: apimPublisherEmail
    backendHostName: functions.outputs.defaultHostName
    importOpenApiFromApp: importOpenApiFromApp
    audience: authAudience
    issuer: authIssuer
    openIdConfigUrl: authMetadataAddress
    corsAllowedOrigins: origins
    appInsightsName: monitoring.outputs.appInsightsName
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CLIENT_ID string = identity.outputs.clientId
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output SERVICE_API_NAME string = functions.outputs.name
output SERVICE_API_URI string = 'https://${functions.outputs.defaultHostName}'
output APIM_GATEWAY_URL string = apim.outputs.gatewayUrl
output APIM_NAME string = apim.outputs.name
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.appInsightsConnectionString
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output TASKHUB_NAME string = durable.outputs.taskHubName
output DURABLE_TASK_SCHEDULER_ENDPOINT string = durable.outputs.endpoint
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = cosmos.outputs.databaseName
output REDIS_HOST_NAME string = redis.outputs.hostName
output REDIS_PORT int = redis.outputs.port
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_TOPIC string = serviceBus.outputs.topicName
