// SLO burn-rate alerts (docs/slo.md): two log alerts per SLO over Application Insights, generated from SloCatalog by
// `edtech slo generate` into slo-alerts.json; edit the catalog, never the JSON. No action group is attached: route them
// with an alert processing rule or add actions here.
param appInsightsName string
param location string
param tags object

var slo = loadJsonContent('slo-alerts.json')

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource burnRate 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in slo.rules: {
    name: 'alert-${rule.name}-${appInsightsName}'
    location: location
    tags: union(tags, { 'edtech-slo': rule.slo, 'edtech-slo-window': rule.window })
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [appInsights.id]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Maximum'
            metricMeasureColumn: 'BurnRate'
            operator: 'GreaterThan'
            threshold: rule.burnRate
            failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
          }
        ]
      }
    }
  }
]
