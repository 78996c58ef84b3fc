variable "namespace" {
  type = string
}

variable "size" {
  type = object({
    instances        = number
    storage_size     = string
    wal_storage_size = string
    storage_class    = string
    cpu              = string
    memory           = string
    shared_buffers   = string
    retention_policy = string
  })
}

variable "owner_password" {
  type      = string
  sensitive = true
}

variable "backup_endpoint" {
  type = string
}

variable "backup_bucket" {
  type = string
}

variable "backup_access_key" {
  type = string
}

variable "backup_secret_key" {
  type      = string
  sensitive = true
}

# The CloudNativePG operator (cluster-wide; install once per cluster).
resource "helm_release" "operator" {
  name             = "cnpg"
  namespace        = "cnpg-system"
  create_namespace = true
  repository       = "https://cloudnative-pg.github.io/charts"
  chart            = "cloudnative-pg"
  version          = "0.23.2"
  wait             = true
}

resource "kubernetes_secret_v1" "owner" {
  metadata {
    name      = "motcua-db-owner"
    namespace = var.namespace
  }
  type = "kubernetes.io/basic-auth"
  data = {
    username = "motcua"
    password = var.owner_password
  }
}

resource "kubernetes_secret_v1" "backup" {
  metadata {
    name      = "motcua-db-backup-s3"
    namespace = var.namespace
  }
  data = {
    ACCESS_KEY_ID     = var.backup_access_key
    ACCESS_SECRET_KEY = var.backup_secret_key
  }
}

# The cluster through the project's `cluster` chart (it renders the Cluster and ScheduledBackup
# resources, so no CRD has to exist when Terraform plans): one primary and instances-1 streaming
# replicas on separate nodes, WAL archived continuously to MinIO (barman), a base backup every night,
# point-in-time recovery within retention_policy.
resource "helm_release" "cluster" {
  name       = "motcua-db"
  namespace  = var.namespace
  repository = "https://cloudnative-pg.github.io/charts"
  chart      = "cluster"
  version    = "0.2.1"
  wait       = true
  timeout    = 1200

  values = [yamlencode({
    type = "postgresql"
    mode = "standalone"
    cluster = {
      instances             = var.size.instances
      imageName             = "ghcr.io/cloudnative-pg/postgresql:17.4"
      primaryUpdateStrategy = "unsupervised"
      storage               = { size = var.size.storage_size, storageClass = var.size.storage_class }
      walStorage            = { enabled = true, size = var.size.wal_storage_size, storageClass = var.size.storage_class }
      resources = {
        requests = { cpu = var.size.cpu, memory = var.size.memory }
        limits   = { memory = var.size.memory }
      }
      affinity = { topologyKey = "kubernetes.io/hostname", enablePodAntiAffinity = true }
      postgresql = {
        parameters = {
          shared_buffers  = var.size.shared_buffers
          max_connections = "300"
        }
      }
      initdb = {
        database = "motcua"
        owner    = "motcua"
        secret   = { name = kubernetes_secret_v1.owner.metadata[0].name }
      }
      # The schema owner needs CREATEROLE: migrations create the runtime and context roles.
      roles = [{ name = "motcua", ensure = "present", login = true, createrole = true, passwordSecret = { name = kubernetes_secret_v1.owner.metadata[0].name } }]
    }
    backups = {
      enabled         = true
      provider        = "s3"
      endpointURL     = var.backup_endpoint
      destinationPath = "s3://${var.backup_bucket}/motcua-db"
      s3 = {
        region    = "us-east-1"
        bucket    = var.backup_bucket
        path      = "/motcua-db"
        accessKey = var.backup_access_key
        secretKey = var.backup_secret_key
      }
      wal             = { compression = "gzip", maxParallel = 2 }
      data            = { compression = "gzip", jobs = 2 }
      retentionPolicy = var.size.retention_policy
      scheduledBackups = [{
        name                 = "nightly"
        schedule             = "0 0 19 * * *" # 02:00 in Asia/Ho_Chi_Minh
        backupOwnerReference = "self"
        method               = "barmanObjectStore"
      }]
    }
  })]

  depends_on = [helm_release.operator, kubernetes_secret_v1.backup]
}

output "primary_service" {
  value = "motcua-db-cluster-rw.${var.namespace}.svc.cluster.local"
}

output "owner_url" {
  value     = "postgres://motcua:${urlencode(var.owner_password)}@motcua-db-cluster-rw.${var.namespace}.svc.cluster.local:5432/motcua"
  sensitive = true
}
