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

variable "password" {
  type      = string
  sensitive = true
}

# Redis with Sentinel (Bitnami chart): one master, replicas-1 replicas, a sentinel beside each;
# AOF on every node; noeviction, because BullMQ keys must never be evicted. The application asks the
# sentinels for the master (REDIS_SENTINELS, REDIS_SENTINEL_NAME).
resource "helm_release" "redis" {
  name       = "redis"
  namespace  = var.namespace
  repository = "oci://registry-1.docker.io/bitnamicharts"
  chart      = "redis"
  version    = "20.13.4"
  wait       = true
  timeout    = 900

  values = [yamlencode({
    architecture = "replication"
    auth         = { enabled = true, sentinel = true }
    sentinel     = { enabled = true, masterSet = "motcua", quorum = 2 }
    replica = {
      replicaCount = var.size.replicas
      persistence  = { size = var.size.storage_size, storageClass = var.size.storage_class }
      resources    = { requests = { memory = var.size.memory }, limits = { memory = var.size.memory } }
    }
    commonConfiguration = <<-EOT
      appendonly yes
      appendfsync everysec
      maxmemory-policy noeviction
    EOT
  })]

  set_sensitive {
    name  = "auth.password"
    value = var.password
  }
}

output "connection" {
  value = {
    sentinels     = join(",", [for i in range(var.size.replicas) : "redis-node-${i}.redis-headless.${var.namespace}.svc.cluster.local:26379"])
    sentinel_name = "motcua"
  }
}
