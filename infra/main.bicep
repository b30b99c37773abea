// Anshin — production deployment on Azure (resource-group scope).
//
//   user-assigned managed identity ── the bot's identity (MicrosoftAppType=UserAssignedMSI, no secret)
//   Azure Bot (global) + Teams channel ── https://<app>.azurewebsites.net/api/messages
//   App Service plan (Linux, P1v3, >= 2 instances) + Web App (Node 20 LTS, `npm start`)
//   Azure Database for PostgreSQL Flexible Server 16 + database `anshin` (shared by all replicas)
//   Key Vault (RBAC) holding DATABASE_URL, read by the Web App through a Key Vault reference
//   Log Analytics workspace + Application Insights
//
// See infra/README.md for how to deploy, grant Graph permissions and upload the Teams app.

targetScope = 'resourceGroup'

// ─── General ──────────────────────────────────────────────────────────────────────────────────────

@description('Azure region for every regional resource (the Azure Bot itself is global, see botLocation). Defaults to the resource group location.')
param location string = resourceGroup().location

@description('Base name of the deployment: the Web App is <appName>.azurewebsites.net (globally unique), other resources derive their names from it. Lowercase letters, digits and hyphens.')
@minLength(3)
@maxLength(40)
param appName string = 'anshin-${uniqueString(resourceGroup().id)}'

@description('Tags applied to every resource.')
param tags object = {
  app: 'anshin'
}

// ─── Bot ──────────────────────────────────────────────────────────────────────────────────────────

@description('Display name of the Azure Bot resource (the name users see in Teams comes from the Teams app manifest).')
@maxLength(42)
param botDisplayName string = 'Anshin'

@description('Azure Bot pricing tier. Teams is a standard channel (free on F0); S1 carries the SLA.')
@allowed([
  'F0'
  'S1'
])
param botSku string = 'S1'

@description('Data residency of the Azure Bot resource: global, or a regional bot location such as westeurope.')
param botLocation string = 'global'

// ─── App Service ─────────────────────────────────────────────────────────────────────────────────

@description('App Service plan SKU (Linux). P1v3 by default.')
param appServicePlanSku string = 'P1v3'

@description('Number of Web App instances. At least 2: the app is built to scale out, all replicas share one PostgreSQL (job queue, per-tenant pacer, outbox), and the health check only removes an instance when there is another one.')
@minValue(2)
@maxValue(30)
param instanceCount int = 2

// ─── Application settings (mapped to the variables read by src/config.ts) ────────────────────────

@description('ALLOWED_TENANT_IDS: comma-separated Entra tenant ids allowed to use the bot. Empty: only the tenant of this deployment (MicrosoftAppTenantId). A UserAssignedMSI bot is single-tenant anyway.')
param allowedTenantIds string = ''

@description('ADMIN_USER_IDS: comma-separated Entra object ids of Anshin administrators (HR / BCP / security). Currently applied only together with a DIRECTORY_FILE.')
param adminUserIds string = ''

@description('DIRECTORY_FILE: path (on the Web App) of a directory JSON file imported at start. Empty: none.')
param directoryFile string = ''

@description('LOG_LEVEL of the app (pino).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
  'silent'
])
param logLevel string = 'info'

@description('DEFAULT_TIME_ZONE: IANA time zone for users whose own time zone is unknown.')
param defaultTimeZone string = 'Asia/Tokyo'

@description('DEFAULT_LOCALE: language of cards when the user locale is unknown.')
@allowed([
  'ja'
  'en'
])
param defaultLocale string = 'ja'

@description('COMPANY_HOLIDAYS: comma-separated company holidays (YYYY-MM-DD) on top of Japanese public holidays.')
param companyHolidays string = ''

@description('TEAMS_APP_ID: the id in the Teams app manifest. Empty: npm run package derives a stable id from MicrosoftAppId; pass the same value here once known.')
param teamsAppId string = ''

@description('DELIVERY_RATE_PER_SECOND: proactive messages per second per tenant, shared by all instances (Teams limit: 50).')
@minValue(1)
@maxValue(50)
param deliveryRatePerSecond int = 50

@description('DATABASE_POOL_SIZE: PostgreSQL connections per instance for the app (the job queue opens up to 4 more).')
@minValue(1)
@maxValue(100)
param databasePoolSize int = 10

@description('SHUTDOWN_GRACE_SECONDS: how long a stopping instance drains running jobs and deliveries.')
@minValue(0)
@maxValue(120)
param shutdownGraceSeconds int = 10

// ─── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────

@description('PostgreSQL administrator login (not azure_superuser, admin, administrator, root, guest, public or names starting with pg_). The app connects with it through DATABASE_URL.')
param postgresAdminLogin string = 'anshinadmin'

@description('PostgreSQL administrator password (8-128 characters, three of: upper case, lower case, digits, symbols). Stored only in Key Vault as part of DATABASE_URL.')
@secure()
@minLength(8)
@maxLength(128)
param postgresAdminPassword string

@description('PostgreSQL compute SKU. Standard_D2ds_v5 (General Purpose, 2 vCores) by default; zone-redundant HA needs General Purpose or Memory Optimized.')
param postgresSkuName string = 'Standard_D2ds_v5'

@description('PostgreSQL compute tier, matching postgresSkuName.')
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param postgresSkuTier string = 'GeneralPurpose'

@description('PostgreSQL storage size in GiB (auto-grow is on).')
@allowed([
  32
  64
  128
  256
  512
  1024
])
param postgresStorageSizeGB int = 32

@description('Zone-redundant high availability (a hot standby in another availability zone; doubles the compute cost; needs a region with zones and a non-Burstable tier).')
param postgresZoneRedundantHa bool = false

@description('Backup retention of PostgreSQL in days (7-35).')
@minValue(7)
@maxValue(35)
param postgresBackupRetentionDays int = 7

@description('Optional Microsoft Entra administrator of PostgreSQL (object id of a user or group). Empty: Entra authentication stays disabled, password authentication only.')
param postgresEntraAdminObjectId string = ''

@description('Display name (user principal name or group name) of the Entra administrator. Used only with postgresEntraAdminObjectId.')
param postgresEntraAdminName string = ''

@description('Kind of the Entra administrator. Used only with postgresEntraAdminObjectId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param postgresEntraAdminType string = 'Group'

// ─── Key Vault & monitoring ──────────────────────────────────────────────────────────────────────

@description('Key Vault purge protection. Recommended for production; once enabled it cannot be turned off, and a deleted vault blocks its name for the retention period.')
param keyVaultPurgeProtection bool = true

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

// ─── Names ───────────────────────────────────────────────────────────────────────────────────────

var baseName = toLower(appName)
var identityName = '${baseName}-id'
var planName = '${baseName}-plan'
var webAppName = baseName
var botName = '${baseName}-bot'
var postgresServerName = '${baseName}-pg'
var databaseName = 'anshin'
var keyVaultName = 'kv${take(replace(baseName, '-', ''), 9)}${take(uniqueString(resourceGroup().id, baseName), 13)}'
var logAnalyticsName = '${baseName}-logs'
var appInsightsName = '${baseName}-ai'
var databaseUrlSecretName = 'database-url'
var entraAdminEnabled = !empty(postgresEntraAdminObjectId)
// Password authentication always (DATABASE_URL carries the password); Entra authentication only with an Entra admin.
var postgresAuthConfig = entraAdminEnabled ? {
  activeDirectoryAuth: 'Enabled'
  passwordAuth: 'Enabled'
  tenantId: tenant().tenantId
} : {
  activeDirectoryAuth: 'Disabled'
  passwordAuth: 'Enabled'
}
// Built-in role "Key Vault Secrets User" (read secret values).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// ─── Identity ────────────────────────────────────────────────────────────────────────────────────

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// ─── Monitoring ──────────────────────────────────────────────────────────────────────────────────

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// ─── PostgreSQL ──────────────────────────────────────────────────────────────────────────────────

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: postgresServerName
  location: location
  tags: tags
  sku: {
    name: postgresSkuName
    tier: postgresSkuTier
  }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: {
      storageSizeGB: postgresStorageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: postgresBackupRetentionDays
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: postgresZoneRedundantHa ? 'ZoneRedundant' : 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
    authConfig: postgresAuthConfig
  }
}

// The server accepts only one change at a time: the children below are chained with dependsOn.
resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

// 0.0.0.0-0.0.0.0 is Azure's convention for "allow connections from Azure services".
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    database
  ]
}

// TLS is required (already the server default; set explicitly so nobody turns it off by accident).
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_connection'
  properties: {
    value: 'on'
    source: 'user-override'
  }
  dependsOn: [
    allowAzureServices
  ]
}

resource postgresEntraAdmin 'Microsoft.DBforPostgreSQL/flexibleServers/administrators@2024-08-01' = if (entraAdminEnabled) {
  parent: postgres
  name: entraAdminEnabled ? postgresEntraAdminObjectId : 'none'
  properties: {
    principalName: postgresEntraAdminName
    principalType: postgresEntraAdminType
    tenantId: tenant().tenantId
  }
  dependsOn: [
    requireTls
  ]
}

// ─── Key Vault ───────────────────────────────────────────────────────────────────────────────────

resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Only true or absent is accepted: false cannot be sent.
    enablePurgeProtection: keyVaultPurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

// pg accepts percent-encoded credentials; sslmode=verify-full checks the server certificate and
// host name (pg treats require as verify-full anyway and warns about it).
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: databaseUrlSecretName
  properties: {
    contentType: 'text/plain'
    value: 'postgresql://${uriComponent(postgresAdminLogin)}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
  }
  dependsOn: [
    database
  ]
}

resource identityReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ─── App Service ─────────────────────────────────────────────────────────────────────────────────

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    // Key Vault references are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'npm start'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        // Bot identity: the user-assigned managed identity (no secret).
        {
          name: 'MicrosoftAppId'
          value: identity.properties.clientId
        }
        {
          name: 'MicrosoftAppType'
          value: 'UserAssignedMSI'
        }
        {
          name: 'MicrosoftAppTenantId'
          value: identity.properties.tenantId
        }
        // For @azure/identity's DefaultAzureCredential (Graph and future Azure SDK calls).
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        // Store: one PostgreSQL shared by every instance.
        {
          name: 'DATABASE_URL'
          value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
        }
        {
          name: 'DATABASE_POOL_SIZE'
          value: string(databasePoolSize)
        }
        // Tenants, admins, directory.
        {
          name: 'ALLOWED_TENANT_IDS'
          value: allowedTenantIds
        }
        {
          name: 'ADMIN_USER_IDS'
          value: adminUserIds
        }
        {
          name: 'DIRECTORY_FILE'
          value: directoryFile
        }
        {
          name: 'TEAMS_APP_ID'
          value: teamsAppId
        }
        // Behaviour.
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'DEFAULT_TIME_ZONE'
          value: defaultTimeZone
        }
        {
          name: 'DEFAULT_LOCALE'
          value: defaultLocale
        }
        {
          name: 'COMPANY_HOLIDAYS'
          value: companyHolidays
        }
        {
          name: 'SCHEDULER_ENABLED'
          value: 'true'
        }
        {
          name: 'DELIVERY_RATE_PER_SECOND'
          value: string(deliveryRatePerSecond)
        }
        {
          name: 'SHUTDOWN_GRACE_SECONDS'
          value: string(shutdownGraceSeconds)
        }
        // Monitoring (not read by src/config.ts yet: see infra/README.md).
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        // Platform: build (npm install) on deployment of a source zip.
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'true'
        }
        {
          name: 'WEBSITE_HEALTHCHECK_MAXPINGFAILURES'
          value: '5'
        }
      ]
    }
  }
  dependsOn: [
    identityReadsSecrets
    allowAzureServices
  ]
}

resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

// ─── Azure Bot ───────────────────────────────────────────────────────────────────────────────────

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: botLocation
  tags: tags
  kind: 'azurebot'
  sku: {
    name: botSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppTenantId: identity.properties.tenantId
    msaAppMSIResourceId: identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: botLocation
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

// ─── Outputs ─────────────────────────────────────────────────────────────────────────────────────

@description('Host name of the Web App: BOT_DOMAIN for npm run package.')
output botDomain string = webApp.properties.defaultHostName

@description('Messaging endpoint configured on the Azure Bot.')
output botEndpoint string = 'https://${webApp.properties.defaultHostName}/api/messages'

@description('MicrosoftAppId: client id of the managed identity (the bot id in the Teams manifest).')
output microsoftAppId string = identity.properties.clientId

@description('Object (principal) id of the managed identity: grant Microsoft Graph application permissions to it.')
output identityPrincipalId string = identity.properties.principalId

@description('MicrosoftAppTenantId.')
output tenantId string = identity.properties.tenantId

@description('Web App name (for az webapp deploy).')
output webAppName string = webApp.name

@description('Azure Bot resource name.')
output botName string = bot.name

@description('Fully qualified domain name of the PostgreSQL server.')
output postgresFqdn string = postgres.properties.fullyQualifiedDomainName

@description('Key Vault name (secret database-url holds DATABASE_URL).')
output keyVaultName string = keyVault.name

@description('Application Insights resource name.')
output appInsightsName string = appInsights.name
