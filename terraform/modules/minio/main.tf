variable "namespace" {
  type = string
}

variable "size" {
  type = object({
    replicas      = number
    storage_size  = string
    storage_class = string
    memory        = string
  })
}

variable "root_password" {
  type      = string
  sensitive = true
}

variable "app_secret_key" {
  type      = string
  sensitive = true
}

variable "documents_bucket" {
  type = string
}

variable "backup_bucket" {
  type = string
}

locals {
  app_access_key = "motcua-app"
}

# MinIO's own chart, distributed mode (erasure coding across the servers): the documents bucket
# (versioned) and the bucket of PostgreSQL's continuous backup, one application user for both.
resource "helm_release" "minio" {
  name       = "minio"
  namespace  = var.namespace
  repository = "https://charts.min.io/"
  chart      = "minio"
  version    = "5.4.0"
  wait       = true
  timeout    = 900

  values = [yamlencode({
    mode        = "distributed"
    replicas    = var.size.replicas
    rootUser    = "motcua-admin"
    persistence = { size = var.size.storage_size, storageClass = var.size.storage_class }
    resources   = { requests = { memory = var.size.memory } }
    buckets = [
      { name = var.documents_bucket, policy = "none", purge = false, versioning = true },
      { name = var.backup_bucket, policy = "none", purge = false, versioning = false },
    ]
    policies = [{
      name = "motcua-app"
      statements = [
        {
          actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
          resources = ["arn:aws:s3:::${var.documents_bucket}/*", "arn:aws:s3:::${var.backup_bucket}/*"]
        },
        {
          actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
          resources = ["arn:aws:s3:::${var.documents_bucket}", "arn:aws:s3:::${var.backup_bucket}"]
        },
      ]
    }]
    users = [{ accessKey = local.app_access_key, existingSecret = "minio-app-user", existingSecretKey = "secretKey", policy = "motcua-app" }]
  })]

  set_sensitive {
    name  = "rootPassword"
    value = var.root_password
  }

  depends_on = [kubernetes_secret_v1.app_user]
}

resource "kubernetes_secret_v1" "app_user" {
  metadata {
    name      = "minio-app-user"
    namespace = var.namespace
  }
  data = {
    secretKey = var.app_secret_key
  }
}

output "endpoint" {
  value = "http://minio.${var.namespace}.svc.cluster.local:9000"
}

output "app_access_key" {
  value = local.app_access_key
}

output "documents_bucket" {
  value = var.documents_bucket
}

output "backup_bucket" {
  value = var.backup_bucket
}
