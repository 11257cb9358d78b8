// Azure Cache for Redis as HybridCache's L2. Access keys are off; the app's identity connects with an Entra
// token through the built-in "Data Contributor" access policy.
param name string
param location string
param tags object
param identityPrincipalId string

@allowed(['Basic', 'Standard', 'Premium'])
param skuName string = 'Standard'
param capacity int = 1

resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    disableAccessKeyAuthentication: true
    publicNetworkAccess: 'Enabled'
    redisConfiguration: {
      'aad-enabled': 'true'
    }
  }
}

resource appAccess 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: cache
  name: guid(cache.id, identityPrincipalId, 'Data Contributor')
  properties: {
    accessPolicyName: 'Data Contributor'
    objectId: identityPrincipalId
    objectIdAlias: 'edtech-functions'
  }
}

output hostName string = cache.properties.hostName
output sslPort int = cache.properties.sslPort
