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
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
  }
}

module redis 'modules/redis.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.cacheRedis}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
  }
}

module keyVault 'modules/keyvault.bicep' = {
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    identityPrincipalId: identity.outputs.principalId
    principalId: principalId
    principalType: principalType
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
    appSettings: union(corsSettings, {
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.outputs.clientId};Authorization=AAD'
      AZURE_CLIENT_ID: identity.outputs.clientId
      TASKHUB_NAME: durable.outputs.taskHubName
      DURABLE_TASK_SCHEDULER_CONNECTION_STRING: 'Endpoint=${durable.outputs.endpoint};Authentication=ManagedIdentity;ClientID=${identity.outputs.clientId}'
      Cosmos__Endpoint: cosmos.outputs.endpoint
      Cosmos__Database: cosmos.outputs.databaseName
      Redis__HostName: redis.outputs.hostName
      OpenAI__Endpoint: openAi.outputs.endpoint
      OpenAI__Deployment: openAi.outputs.deploymentName
      KeyVault__Uri: keyVault.outputs.uri
      Auth__Audience: authAudience
      Auth__Issuers__0__Issuer: authIssuer
      Auth__Issuers__0__MetadataAddress: authMetadataAddress
      Auth__PlatformDirectoryIds__0: platformDirectoryId
      RECONCILE_GRADING_SCHEDULE: '0 */5 * * * *'
      RELEASE_DUE_SCHEDULE: '0 * * * * *'
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
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output SERVICE_BUS_TOPIC string = serviceBus.outputs.topicName
