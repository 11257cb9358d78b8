// API Management in front of the Functions app: one API and one product per role BFF, JWT validation at the
// edge, per-tenant rate limit and quota (keyed on the token's tenant claim), CORS for the allowed origins.
// Classic tier: quota-by-key exists only in Developer/Basic/Standard/Premium (not Consumption, not v2).
param name string
param location string
param tags object
param publisherEmail string
param publisherName string = 'EdTech platform'
param backendHostName string
param importOpenApiFromApp bool
param audience string
param issuer string
param openIdConfigUrl string
param corsAllowedOrigins array
@description('Application Insights in this resource group; the gateway logs to it with its own identity (local auth is off).')
param appInsightsName string
param appInsightsConnectionString string

@allowed(['Developer', 'Basic', 'Standard', 'Premium'])
param skuName string = 'Basic'
param skuCapacity int = 1

@description('Token claim that names the tenant (the Entra directory id by default, mapped to the platform tenant by the app).')
param tenantClaim string = 'tid'

@description('Per-tenant limits for each role product: calls per minute (burst guard) and per day (quota).')
param limits object = {
  student: { perMinute: 60000, perDay: 20000000 }
  teacher: { perMinute: 12000, perDay: 2000000 }
  admin: { perMinute: 3000, perDay: 200000 }
  content: { perMinute: 3000, perDay: 200000 }
  platform: { perMinute: 600, perDay: 50000 }
}

var roles = ['student', 'teacher', 'admin', 'content', 'platform']
var methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
// The policy expression that reads the tenant from the validated token.
var tenantOf = '((Jwt)context.Variables[&quot;jwt&quot;]).Claims.GetValueOrDefault(&quot;${tenantClaim}&quot;, &quot;none&quot;)'
// A multi-tenant Entra issuer (https://login.microsoftonline.com/{tenantid}/v2.0) has no fixed value to list:
// the gateway then checks signature, lifetime and audience, and the app checks the issuer per directory.
var issuersElement = contains(issuer, '{tenantid}') ? '' : '<issuers><issuer>${issuer}</issuer></issuers>'
var originElements = join(map(corsAllowedOrigins, o => '<origin>${o}</origin>'), '')

resource service 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    capacity: skuCapacity
  }
  identity: { type: 'SystemAssigned' }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

// The gateway's own refusals in the app's error format (application/problem+json, docs/api-platform.md): a missing
// or invalid token (validate-jwt, 401), the per-minute limit (rate-limit-by-key, 429 with Retry-After) and the daily
// quota (quota-by-key, which APIM answers 403: turned into 429 here, since the caller is not forbidden, only early).
// Matched on the predefined error reasons (QuotaExceeded, RateLimitExceeded) or the policy that raised them.
// Every product's on-error runs <base />, so this global section sees them all.
var problemBase = 'https://edtech-serverless.dev/problems/'
var problemResponses = [
  { when: 'context.LastError.Reason == &quot;QuotaExceeded&quot; || context.LastError.Source.StartsWith(&quot;quota&quot;)', status: 429, reason: 'Too Many Requests', type: 'too-many-requests', title: 'Daily quota exceeded', detail: 'The tenant has used its daily call quota for this API; it renews within 24 hours.', retryAfter: '3600' }
  { when: 'context.LastError.Reason == &quot;RateLimitExceeded&quot; || context.LastError.Source.StartsWith(&quot;rate-limit&quot;)', status: 429, reason: 'Too Many Requests', type: 'too-many-requests', title: 'Too many requests', detail: 'The tenant is over its per-minute limit for this API.', retryAfter: '60' }
  { when: 'context.LastError.Source == &quot;validate-jwt&quot;', status: 401, reason: 'Unauthorized', type: 'unauthenticated', title: 'Unauthenticated', detail: 'A valid bearer token for this API is required.', retryAfter: '' }
]
var problemWhens = join(map(problemResponses, p => '<when condition="@(${p.when})"><return-response><set-status code="${p.status}" reason="${p.reason}" /><set-header name="Content-Type" exists-action="override"><value>application/problem+json</value></set-header>${empty(p.retryAfter) ? '' : '<set-header name="Retry-After" exists-action="override"><value>${p.retryAfter}</value></set-header>'}<set-body>{"type":"${problemBase}${p.type}","title":"${p.title}","status":${p.status},"detail":"${p.detail}"}</set-body></return-response></when>'), '')
var problemOnError = '<choose>${problemWhens}</choose>'
var corsElement = empty(corsAllowedOrigins) ? '' : '<cors allow-credentials="false"><allowed-origins>${originElements}</allowed-origins><allowed-methods preflight-result-max-age="600"><method>GET</method><method>POST</method><method>PUT</method><method>PATCH</method><method>DELETE</method></allowed-methods><allowed-headers><header>Authorization</header><header>Content-Type</header><header>Idempotency-Key</header><header>If-Match</header></allowed-headers><expose-headers><header>ETag</header><header>Location</header><header>Retry-After</header></expose-headers></cors>'

// Preflights are answered at the edge (the Functions triggers do not route OPTIONS); an empty allow-list sends no
// CORS headers (the app does the same).
resource globalPolicy 'Microsoft.ApiManagement/service/policies@2024-05-01' = {
  parent: service
  name: 'policy'
  properties: {
    format: 'xml'
    value: '<policies><inbound>${corsElement}</inbound><backend><forward-request /></backend><outbound /><on-error>${problemOnError}</on-error></policies>'
  }
}

var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource gatewayPublishes 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, service.id, monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: service.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

resource logger 'Microsoft.ApiManagement/service/loggers@2024-05-01' = {
  parent: service
  name: 'appinsights'
  dependsOn: [gatewayPublishes]
  properties: {
    loggerType: 'applicationInsights'
    resourceId: appInsights.id
    credentials: {
      connectionString: appInsightsConnectionString
      identityClientId: 'SystemAssigned'
    }
  }
}

resource apis 'Microsoft.ApiManagement/service/apis@2024-05-01' = [for role in roles: {
  parent: service
  name: role
  properties: union({
    displayName: 'EdTech ${role} API'
    path: role
    protocols: ['https']
    subscriptionRequired: false
    serviceUrl: 'https://${backendHostName}'
  }, importOpenApiFromApp ? {
    format: 'openapi+json-link'
    value: 'https://${backendHostName}/api/openapi/${role}.json'
  } : {})
}]

// Until the app serves its OpenAPI documents (first provision, before deploy), each API forwards every route.
resource wildcardOperations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [for i in range(0, importOpenApiFromApp ? 0 : length(roles) * length(methods)): {
  parent: apis[i / length(methods)]
  name: toLower(methods[i % length(methods)])
  properties: {
    displayName: '${methods[i % length(methods)]} any route'
    method: methods[i % length(methods)]
    urlTemplate: '/*'
  }
}]

resource products 'Microsoft.ApiManagement/service/products@2024-05-01' = [for role in roles: {
  parent: service
  name: role
  properties: {
    displayName: 'EdTech ${role}'
    description: 'The ${role} BFF. Callers authenticate with an Entra bearer token; no subscription key.'
    subscriptionRequired: false
    state: 'published'
  }
}]

resource productApis 'Microsoft.ApiManagement/service/products/apiLinks@2024-05-01' = [for (role, i) in roles: {
  parent: products[i]
  name: role
  properties: {
    apiId: apis[i].id
  }
}]

resource productPolicies 'Microsoft.ApiManagement/service/products/policies@2024-05-01' = [for (role, i) in roles: {
  parent: products[i]
  name: 'policy'
  properties: {
    format: 'xml'
    value: '<policies><inbound><base /><validate-jwt header-name="Authorization" failed-validation-httpcode="401" failed-validation-error-message="Unauthorized" require-expiration-time="true" require-scheme="Bearer" require-signed-tokens="true" output-token-variable-name="jwt"><openid-config url="${openIdConfigUrl}" /><audiences><audience>${audience}</audience></audiences>${issuersElement}</validate-jwt><rate-limit-by-key calls="${limits[role].perMinute}" renewal-period="60" counter-key="@(&quot;${role}:&quot; + ${tenantOf})" /><quota-by-key calls="${limits[role].perDay}" renewal-period="86400" counter-key="@(&quot;${role}:&quot; + ${tenantOf})" /></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>'
  }
}]

output name string = service.name
output gatewayUrl string = service.properties.gatewayUrl
