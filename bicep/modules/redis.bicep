// Azure Managed Redis (Microsoft.Cache/redisEnterprise; Azure Cache for Redis is being retired) as HybridCache's
// shared L2. Access keys are off: the app's identity signs in with a Microsoft Entra token (user = its object id,
// password = the token, refreshed before it expires: shared/EdTech.Infrastructure/Caching/RedisEntraAuthentication.cs).
param name string
param location string
param tags object
param identityPrincipalId string

@description('Azure Managed Redis SKU: Balanced_B0 is the smallest (dev); Balanced_B1 and up for production.')
param skuName string = 'Balanced_B1'

var databaseName = 'default'
// The TLS port of every Azure Managed Redis database; the app's Redis__Port.
var port = 10000

resource cluster 'Microsoft.Cache/redisEnterprise@2025-04-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: skuName }
  properties: {
    minimumTlsVersion: '1.2'
    highAvailability: 'Enabled'
  }
}

resource database 'Microsoft.Cache/redisEnterprise/databases@2025-04-01' = {
  parent: cluster
  name: databaseName
  properties: {
    clientProtocol: 'Encrypted'
    port: port
    // One endpoint for every key: the app speaks plain (non-cluster) Redis to it.
    clusteringPolicy: 'EnterpriseCluster'
    evictionPolicy: 'VolatileLRU'
    accessKeysAuthentication: 'Disabled'
  }
}

resource appAccess 'Microsoft.Cache/redisEnterprise/databases/accessPolicyAssignments@2025-04-01' = {
  parent: database
  name: 'app${uniqueString(identityPrincipalId)}'
  properties: {
    accessPolicyName: 'default'
    user: { objectId: identityPrincipalId }
  }
}

output hostName string = cluster.properties.hostName
output port int = port
