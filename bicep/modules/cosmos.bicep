// Cosmos DB for NoSQL: one database, one container per record type (shared/EdTech.Application/Storage/Containers.cs).
// Every container is keyed /tenantId then /partitionKey (the record's PartitionKey: course, user or the id), so a
// tenant's data never shares a logical partition with another's and a big tenant spreads over many partitions.
// Keys are off (disableLocalAuth): the app's identity has the built-in Data Contributor SQL role.
param name string
param location string
param tags object
param serverless bool
param identityPrincipalId string
param principalId string
param databaseName string = 'edtech'

@description('Autoscale ceiling (RU/s) shared by the database\'s quieter containers; it idles at a tenth of it.')
param sharedMaxThroughput int = 4000

@description('Autoscale ceiling (RU/s) of the containers the exam peak writes to (submissions, submission-views, gradebook).')
param peakMaxThroughput int = 20000

// Fields each container is queried on (DocumentQuery.FieldEquals across the application); everything else
// is left out of the index to keep write RUs down on the hot exam path.
var containers = [
  { name: 'tenants', fields: ['parentId'], peak: false }
  { name: 'users', fields: [], peak: false }
  { name: 'courses', fields: [], peak: false }
  { name: 'enrollments', fields: ['userId', 'role'], peak: false }
  { name: 'assessments', fields: [], peak: false }
  { name: 'assessment-versions', fields: [], peak: false }
  { name: 'submissions', fields: ['userId', 'assessmentId', 'status'], peak: true }
  { name: 'submission-views', fields: [], peak: true }
  { name: 'gradebook', fields: ['userId'], peak: true }
  { name: 'audit', fields: [], peak: false }
  { name: 'directory-mappings', fields: [], peak: false }
  { name: 'modules', fields: [], peak: false }
  { name: 'grading-schemes', fields: [], peak: false }
  { name: 'review-queue', fields: ['status', 'userId'], peak: true }
  { name: 'assessment-statistics', fields: ['userId'], peak: true }
  { name: 'assessment-releases', fields: [], peak: false }
  { name: 'notifications', fields: [], peak: true }
  { name: 'learner-state', fields: [], peak: true }
  { name: 'item-stats', fields: [], peak: true }
  { name: 'responses', fields: ['userId'], peak: true }
  { name: 'recommendations', fields: [], peak: true }
  { name: 'skill-graphs', fields: [], peak: false }
  { name: 'item-parameters', fields: [], peak: false }
  { name: 'item-ratings', fields: ['userId'], peak: false }
  { name: 'tagging-jobs', fields: [], peak: false }
  { name: 'integration-events', fields: [], peak: false }
]

var dataContributorRole = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: serverless ? [{ name: 'EnableServerless' }] : []
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: sharedMaxThroughput } }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: {
      id: c.name
      partitionKey: {
        paths: ['/tenantId', '/partitionKey']
        kind: 'MultiHash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: concat(
          [{ path: '/tenantId/?' }, { path: '/partitionKey/?' }, { path: '/updatedAt/?' }],
          map(c.fields, f => { path: '/${f}/?' })
        )
        excludedPaths: [{ path: '/*' }, { path: '/"_etag"/?' }]
      }
    }
    options: (!serverless && c.peak) ? { autoscaleSettings: { maxThroughput: peakMaxThroughput } } : {}
  }
}]

resource appDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, identityPrincipalId, dataContributorRole)
  properties: {
    principalId: identityPrincipalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRole}'
    scope: account.id
  }
}

resource operatorDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(principalId)) {
  parent: account
  name: guid(account.id, principalId, dataContributorRole)
  properties: {
    principalId: principalId
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRole}'
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
