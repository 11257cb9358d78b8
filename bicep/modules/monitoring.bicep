// Log Analytics + workspace-based Application Insights; ingestion by Entra identity only.
param logAnalyticsName string
param appInsightsName string
param location string
param tags object
param identityPrincipalId string

var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, identityPrincipalId, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

// A change the change feed could not handle after its retries went to the `poison` container (ChangeFeedDelivery logs
// event 4601 "ChangeFeedPoison"): someone must look, because that change's effect (a grade start, a projection) is missing.
resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: 'alert-change-feed-poison-${appInsightsName}'
  location: location
  tags: tags
  properties: {
    displayName: 'Change feed: a change was set aside as poison'
    description: 'A change-feed handler failed a change after its bounded retries; see the poison container and docs/azure.md "Change feed in Azure".'
    severity: 1
    enabled: true
    scopes: [appInsights.id]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: 'traces | where customDimensions.EventName == "ChangeFeedPoison" or message startswith "Change-feed poison:" | summarize Count = count() by Handler = tostring(customDimensions.Handler)'
          timeAggregation: 'Total'
          metricMeasureColumn: 'Count'
          dimensions: [{ name: 'Handler', operator: 'Include', values: ['*'] }]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
  }
}

output appInsightsId string = appInsights.id
output appInsightsConnectionString string = appInsights.properties.ConnectionString
output appInsightsName string = appInsights.name
output workspaceId string = workspace.id
