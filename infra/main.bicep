// Anshin — production deployment on Azure (resource-group scope).
//
//   user-assigned managed identity ── the bot's identity (MicrosoftAppType=UserAssignedMSI, no secret)
//   Azure Bot (global) + Teams channel ── https://<app>.azurewebsites.net/api/messages
//   App Service plan (Linux, P1v3, >= 2 instances) + Web App (Node 24 LTS, `node <heap flags> dist/main.js`)
//     with VNet integration: all outbound traffic goes through the virtual network, to the
//     internet through a NAT gateway (fixed egress address)
//   Azure Database for PostgreSQL Flexible Server 16, private access only (delegated subnet +
//     private DNS zone), database `anshin`; the app connects as a least-privilege role that a
//     deployment script (inside the VNet) creates, never as the server administrator
//   Key Vault (RBAC, public network access disabled, private endpoint) holding DATABASE_URL,
//     read by the Web App through a Key Vault reference
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

@description('TEAMS_APP_CATALOG_ID: the id of the app in the tenant app catalog (proactive install). Empty: TEAMS_APP_ID is used, which is right only for apps published through the Teams Store.')
param teamsAppCatalogId string = ''

@description('CONSOLE_APP_ID: client id of the console tab\'s sign-in app registration (Teams SSO; docs/console.md). The bot runs on a managed identity, which cannot be an SSO registration. Empty: the console accepts no tokens (nobody can sign in to it).')
param consoleAppId string = ''

@description('PUBLIC_BASE_URL: https base of the links the bot hands out (signed CSV downloads). Empty: https://<appName>.azurewebsites.net. Set it when a custom domain fronts the app.')
param publicBaseUrl string = ''

@description('JMA_FEED_URL: the Japan Meteorological Agency Atom feed (eqvol.xml) that starts safety rounds by itself. Empty: the automatic trigger is off.')
param jmaFeedUrl string = ''

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

@description('PostgreSQL administrator login (not azure_superuser, admin, administrator, root, guest, public or names starting with pg_). Used only by the deployment script that creates the app role; the app never connects with it.')
param postgresAdminLogin string = 'anshinadmin'

@description('PostgreSQL administrator password (8-128 characters, three of: upper case, lower case, digits, symbols). Not stored anywhere by the template.')
@secure()
@minLength(8)
@maxLength(128)
param postgresAdminPassword string

@description('Login role the app connects with: it can connect to the anshin database, read and write the app\'s tables, only read and append to the audit log, and create its job queue\'s schema (pgboss, which it owns). No superuser, CREATEDB, CREATEROLE or replication; it owns none of the app\'s tables.')
param postgresAppLogin string = 'anshin_app'

@description('Login role that owns the anshin schema: the app connects with it only at start, to run migrations and grant the app role its rights (DATABASE_OWNER_URL). It is what keeps the audit log out of the app role\'s reach.')
param postgresOwnerLogin string = 'anshin_owner'

@description('Password of the owner role (8-128 characters). Stored only in Key Vault as part of DATABASE_OWNER_URL.')
@secure()
@minLength(8)
@maxLength(128)
param postgresOwnerPassword string

@description('Password of the app role (8-128 characters). Stored only in Key Vault as part of DATABASE_URL.')
@secure()
@minLength(8)
@maxLength(128)
param postgresAppPassword string

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

// ─── Network ─────────────────────────────────────────────────────────────────────────────────────

@description('Address space of the virtual network; the four subnets below must lie inside it.')
param vnetAddressPrefix string = '10.42.0.0/16'

@description('Subnet for the Web App\'s VNet integration (delegated to Microsoft.Web/serverFarms; /26 or larger).')
param appSubnetPrefix string = '10.42.1.0/24'

@description('Subnet of the PostgreSQL server (private access: delegated to Microsoft.DBforPostgreSQL/flexibleServers).')
param postgresSubnetPrefix string = '10.42.2.0/24'

@description('Subnet for private endpoints (Key Vault).')
param privateEndpointSubnetPrefix string = '10.42.3.0/24'

@description('Subnet where the deployment script that creates the app role runs (delegated to Microsoft.ContainerInstance/containerGroups).')
param scriptSubnetPrefix string = '10.42.4.0/24'

@description('Azure CLI image of the deployment script that creates the app role.')
param deploymentScriptAzCliVersion string = '2.67.0'

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
var scriptIdentityName = '${baseName}-deploy-id'
var planName = '${baseName}-plan'
var webAppName = baseName
var botName = '${baseName}-bot'
var vnetName = '${baseName}-vnet'
var postgresServerName = '${baseName}-pg'
var databaseName = 'anshin'
var keyVaultName = 'kv${take(replace(baseName, '-', ''), 9)}${take(uniqueString(resourceGroup().id, baseName), 13)}'
var scriptStorageName = 'st${take(replace(baseName, '-', ''), 9)}${take(uniqueString(resourceGroup().id, baseName, 'script'), 13)}'
var logAnalyticsName = '${baseName}-logs'
var appInsightsName = '${baseName}-ai'
var databaseUrlSecretName = 'database-url'
var databaseOwnerUrlSecretName = 'database-owner-url'
var anchorStorageName = 'st${take(replace(baseName, '-', ''), 9)}${take(uniqueString(resourceGroup().id, baseName, 'anchors'), 13)}'
// Built-in role "Storage Blob Data Contributor": the app appends anchors to the immutable container.
var storageBlobDataContributorRoleId = 'ba92f5b4-2d11-453e-a403-e96b0029c9fe'
// The platform's host name for the app; PUBLIC_BASE_URL defaults to it so CSV links point at the app.
var appBaseUrl = empty(publicBaseUrl) ? 'https://${webAppName}.azurewebsites.net' : publicBaseUrl
var entraAdminEnabled = !empty(postgresEntraAdminObjectId)
// Password authentication always (the app role has a password); Entra authentication only with an Entra admin.
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
// Built-in role "Storage File Data Privileged Contributor": the deployment script keeps its files in a file share.
var storageFilePrivilegedContributorRoleId = '69566ab7-960f-475b-8e7c-b3118f30c6bd'
// The private DNS zone of a privately accessed flexible server must end in .postgres.database.azure.com.
var postgresDnsZoneName = '${postgresServerName}.private.postgres.database.azure.com'
var keyVaultDnsZoneName = 'privatelink.vaultcore.azure.net'

// ─── Identities ──────────────────────────────────────────────────────────────────────────────────

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

// Runs the deployment script only; holds no role outside the script's storage account.
resource scriptIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: scriptIdentityName
  location: location
  tags: tags
}

// ─── Network ─────────────────────────────────────────────────────────────────────────────────────

// Explicit outbound internet for the subnets that need it (the app's calls to Teams, Graph and the
// JMA feed; the deployment script's package download): a fixed egress address, and no reliance on
// Azure's implicit default outbound access, which new virtual networks no longer get.
resource natIp 'Microsoft.Network/publicIPAddresses@2024-05-01' = {
  name: '${baseName}-nat-ip'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    publicIPAllocationMethod: 'Static'
  }
}

resource nat 'Microsoft.Network/natGateways@2024-05-01' = {
  name: '${baseName}-nat'
  location: location
  tags: tags
  sku: {
    name: 'Standard'
  }
  properties: {
    idleTimeoutInMinutes: 4
    publicIpAddresses: [
      {
        id: natIp.id
      }
    ]
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: vnetName
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        vnetAddressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          natGateway: {
            id: nat.id
          }
          delegations: [
            {
              name: 'Microsoft.Web.serverFarms'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: postgresSubnetPrefix
          delegations: [
            {
              name: 'Microsoft.DBforPostgreSQL.flexibleServers'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
      {
        name: 'deployment-script'
        properties: {
          addressPrefix: scriptSubnetPrefix
          natGateway: {
            id: nat.id
          }
          // The script's storage account admits this subnet through a service endpoint.
          serviceEndpoints: [
            {
              service: 'Microsoft.Storage'
            }
          ]
          delegations: [
            {
              name: 'Microsoft.ContainerInstance.containerGroups'
              properties: {
                serviceName: 'Microsoft.ContainerInstance/containerGroups'
              }
            }
          ]
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: 'app'
  }
  resource postgresSubnet 'subnets' existing = {
    name: 'postgres'
  }
  resource privateEndpointSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }
  resource scriptSubnet 'subnets' existing = {
    name: 'deployment-script'
  }
}

resource postgresDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: postgresDnsZoneName
  location: 'global'
  tags: tags
}

resource postgresDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: postgresDnsZone
  name: '${vnetName}-link'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

resource keyVaultDnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: keyVaultDnsZoneName
  location: 'global'
  tags: tags
}

resource keyVaultDnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: keyVaultDnsZone
  name: '${vnetName}-link'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
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

// ─── PostgreSQL (private access) ─────────────────────────────────────────────────────────────────

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
    // Private access: the server lives in its own delegated subnet and has no public endpoint, so
    // there are no firewall rules at all (in particular no "allow Azure services" rule).
    network: {
      publicNetworkAccess: 'Disabled'
      delegatedSubnetResourceId: vnet::postgresSubnet.id
      privateDnsZoneArmResourceId: postgresDnsZone.id
    }
    authConfig: postgresAuthConfig
  }
  dependsOn: [
    postgresDnsLink
  ]
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

// TLS is required (already the server default; set explicitly so nobody turns it off by accident).
resource requireTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: postgres
  name: 'require_secure_connection'
  properties: {
    value: 'on'
    source: 'user-override'
  }
  dependsOn: [
    database
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

// ─── Least-privilege database role (deployment script inside the VNet) ──────────────────────────

// Deployment scripts keep their script and output in a file share; this account admits only the
// script subnet (plus trusted Azure services) and is used for nothing else.
resource scriptStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: scriptStorageName
  location: location
  tags: tags
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
      virtualNetworkRules: [
        {
          id: vnet::scriptSubnet.id
          action: 'Allow'
        }
      ]
    }
  }
}

resource scriptIdentityUsesStorage 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(scriptStorage.id, scriptIdentity.id, storageFilePrivilegedContributorRoleId)
  scope: scriptStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageFilePrivilegedContributorRoleId)
    principalId: scriptIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Creates (or updates the password of) the app's login role and grants it the anshin database
// only. Runs on every deployment; the SQL is idempotent. The admin password reaches only this
// throwaway container, as a secure environment variable.
resource appRoleScript 'Microsoft.Resources/deploymentScripts@2023-08-01' = {
  name: '${baseName}-db-app-role'
  location: location
  tags: tags
  kind: 'AzureCLI'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${scriptIdentity.id}': {}
    }
  }
  properties: {
    azCliVersion: deploymentScriptAzCliVersion
    timeout: 'PT30M'
    retentionInterval: 'PT1H'
    cleanupPreference: 'Always'
    storageAccountSettings: {
      storageAccountName: scriptStorage.name
    }
    containerSettings: {
      subnetIds: [
        {
          id: vnet::scriptSubnet.id
        }
      ]
    }
    environmentVariables: [
      {
        name: 'PGHOST'
        value: postgres.properties.fullyQualifiedDomainName
      }
      {
        name: 'PGDATABASE'
        value: databaseName
      }
      {
        name: 'PGUSER'
        value: postgresAdminLogin
      }
      {
        name: 'PGPASSWORD'
        secureValue: postgresAdminPassword
      }
      {
        name: 'PGSSLMODE'
        value: 'require'
      }
      {
        name: 'APP_ROLE'
        value: postgresAppLogin
      }
      {
        name: 'APP_PASSWORD'
        secureValue: postgresAppPassword
      }
      {
        name: 'OWNER_ROLE'
        value: postgresOwnerLogin
      }
      {
        name: 'OWNER_PASSWORD'
        secureValue: postgresOwnerPassword
      }
    ]
    scriptContent: loadTextContent('scripts/create-app-role.sh')
  }
  dependsOn: [
    scriptIdentityUsesStorage
    requireTls
  ]
}

// ─── Key Vault (private endpoint only) ───────────────────────────────────────────────────────────

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
    // Data-plane access only through the private endpoint. Secrets below are written by ARM
    // (control plane), which the network rules do not block.
    publicNetworkAccess: 'Disabled'
    networkAcls: {
      bypass: 'None'
      defaultAction: 'Deny'
    }
  }
}

resource keyVaultEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: '${keyVaultName}-pe'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: vnet::privateEndpointSubnet.id
    }
    privateLinkServiceConnections: [
      {
        name: 'vault'
        properties: {
          privateLinkServiceId: keyVault.id
          groupIds: [
            'vault'
          ]
        }
      }
    ]
  }
}

resource keyVaultEndpointDns 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: keyVaultEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'vault'
        properties: {
          privateDnsZoneId: keyVaultDnsZone.id
        }
      }
    ]
  }
  dependsOn: [
    keyVaultDnsLink
  ]
}

// pg accepts percent-encoded credentials; sslmode=verify-full checks the server certificate and
// host name (pg treats require as verify-full anyway and warns about it). The login is the
// least-privilege app role, never the server administrator.
resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: databaseUrlSecretName
  properties: {
    contentType: 'text/plain'
    value: 'postgresql://${uriComponent(postgresAppLogin)}:${uriComponent(postgresAppPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
  }
  dependsOn: [
    appRoleScript
  ]
}

// The owner role's URL: used by the app at start only, to migrate and grant (src/store/open.ts).
resource databaseOwnerUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: databaseOwnerUrlSecretName
  properties: {
    contentType: 'text/plain'
    value: 'postgresql://${uriComponent(postgresOwnerLogin)}:${uriComponent(postgresOwnerPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
  }
  dependsOn: [
    appRoleScript
  ]
}

// ─── Audit anchors (docs/audit.md) ───────────────────────────────────────────────────────────────
// A container whose blobs cannot be changed or deleted for 7 years (time-based retention, locked by
// the operator once verified), appends allowed: the place for the signed chain heads in production.
// The app writes anchors to AUDIT_ANCHOR_DIR today; the Blob adapter of src/audit/anchor.ts's
// AnchorStore port (needs @azure/storage-blob and a private endpoint) is the next step.
resource anchorStorage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: anchorStorageName
  location: location
  tags: tags
  sku: {
    name: 'Standard_ZRS'
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Disabled'
  }
}

resource anchorBlobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: anchorStorage
  name: 'default'
  properties: {
    isVersioningEnabled: true
  }
}

resource anchorContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: anchorBlobService
  name: 'audit-anchors'
  properties: {
    publicAccess: 'None'
  }
}

resource anchorImmutability 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: anchorContainer
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: 2557
    allowProtectedAppendWrites: true
  }
}

resource identityAppendsAnchors 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(anchorContainer.id, identity.id, storageBlobDataContributorRoleId)
  scope: anchorContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
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
    // Regional VNet integration; with vnetRouteAllEnabled every outbound call (PostgreSQL, Key Vault
    // references, Bot Connector, Graph) leaves through the VNet, so the private DNS zones apply.
    virtualNetworkSubnetId: vnet::appSubnet.id
    // Key Vault references are resolved with the user-assigned identity.
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      // The deployed package is the compiled app (see infra/README.md, "Deploy the code"): no
      // TypeScript, no tsx, no devDependencies in production. The heap is sized for the app (it keeps
      // ~105 MB): V8 sizes it by the instance's memory otherwise, and lets garbage grow to 500-700 MB
      // before collecting it (docs/benchmarks.md, "Where the memory goes"). The same flags as
      // `npm run start:prod` (test/infra.test.ts).
      appCommandLine: 'node --max-old-space-size=1024 --max-semi-space-size=16 dist/main.js'
      vnetRouteAllEnabled: true
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
        // Store: one PostgreSQL shared by every instance, reached privately as the app role.
        {
          name: 'DATABASE_URL'
          value: '@Microsoft.KeyVault(SecretUri=${databaseUrlSecret.properties.secretUri})'
        }
        // The owner role migrates and grants at start; the app role above cannot rewrite the audit log.
        {
          name: 'DATABASE_OWNER_URL'
          value: '@Microsoft.KeyVault(SecretUri=${databaseOwnerUrlSecret.properties.secretUri})'
        }
        // Signed chain heads, on the app's persistent /home share (one file per instance). Add
        // AUDIT_ANCHOR_KEY as a Key Vault reference (infra/README.md): until then a key file is used.
        {
          name: 'AUDIT_ANCHOR_DIR'
          value: '/home/anshin/audit-anchors'
        }
        {
          name: 'DATABASE_POOL_SIZE'
          value: string(databasePoolSize)
        }
        // Links handed out by the bot (signed CSV downloads) must point at this app, not 127.0.0.1.
        {
          name: 'PUBLIC_BASE_URL'
          value: appBaseUrl
        }
        // Tenants, admins, directory, Teams app.
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
        {
          name: 'TEAMS_APP_CATALOG_ID'
          value: teamsAppCatalogId
        }
        {
          name: 'CONSOLE_APP_ID'
          value: consoleAppId
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
        {
          name: 'JMA_FEED_URL'
          value: jmaFeedUrl
        }
        // Monitoring.
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        // Platform: the uploaded zip is the built app; App Service neither builds nor installs it,
        // and runs it read-only from the package (atomic deployments across instances).
        {
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
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
    keyVaultEndpointDns
  ]
}

// Deployments authenticate with Entra ID (az webapp deploy): no FTP/SCM basic-auth credentials.
resource webAppFtpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource webAppScmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
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

@description('PUBLIC_BASE_URL given to the app.')
output publicBaseUrl string = appBaseUrl

@description('The fixed public address of the app\'s outbound calls (NAT gateway), for allow-lists elsewhere.')
output outboundIpAddress string = natIp.properties.ipAddress

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

@description('Fully qualified domain name of the PostgreSQL server (resolvable inside the VNet only).')
output postgresFqdn string = postgres.properties.fullyQualifiedDomainName

@description('Key Vault name (secret database-url holds DATABASE_URL; reachable through the private endpoint only).')
output keyVaultName string = keyVault.name

@description('Application Insights resource name.')
output appInsightsName string = appInsights.name
