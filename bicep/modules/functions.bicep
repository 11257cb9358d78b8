// The Functions app on Flex Consumption: scales to zero at night and out per trigger group at the exam peak.
// One app serves every role BFF (per-role HTTP functions), the orchestrations and the timers: see docs/azure.md.
param planName string
param appName string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerUrl string

@description('App settings besides the host storage ones; every value is an endpoint or a name, never a key.')
param appSettings object

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 200

@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Who may call the app directly: the API Management service tag (the gateway, and its management plane importing /api/openapi). Everything else gets 403.')
param allowedServiceTag string = 'ApiManagement'

@description('Instances kept warm for HTTP so the first request of the morning does not wait for a cold start.')
param alwaysReadyHttp int = 1

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

var hostStorage = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      http20Enabled: true
      appSettings: map(items(union(hostStorage, appSettings)), s => { name: s.key, value: s.value })
      // Only API Management reaches the app, so its JWT check, limits and quotas cannot be bypassed (docs/azure.md
      // "The edge"). The deployment endpoint (scm) keeps its own rules: azd deploys there with Entra ID.
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: [
        {
          name: 'api-management-only'
          action: 'Allow'
          tag: 'ServiceTag'
          ipAddress: allowedServiceTag
          priority: 100
        }
      ]
      scmIpSecurityRestrictionsUseMain: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttp > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttp }] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Basic-auth publishing credentials are off: azd deploys with Entra to the blob container.
resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
