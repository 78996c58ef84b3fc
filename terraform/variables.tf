variable "kubeconfig_path" {
  description = "Kubeconfig of the target cluster (on-premise or a Vietnamese cloud: government data stays in Viet Nam)."
  type        = string
  default     = "~/.kube/config"
}

variable "kubeconfig_context" {
  description = "Context in the kubeconfig; null uses the current one."
  type        = string
  default     = null
}

variable "namespace" {
  description = "Namespace for MotCua and its data services."
  type        = string
  default     = "motcua"
}

variable "image" {
  description = "The MotCua image built from the repository's Dockerfile, e.g. registry.example.gov.vn/motcua:1.0.0."
  type        = string
}

variable "image_pull_secret" {
  description = "Name of an existing docker-registry secret in the namespace for a private registry; null for none."
  type        = string
  default     = null
}

variable "public_host" {
  description = "Host name citizens and staff use, e.g. dichvucong.example.gov.vn."
  type        = string
}

variable "ingress_class" {
  description = "Ingress class of the cluster's ingress controller."
  type        = string
  default     = "nginx"
}

variable "tls_secret_name" {
  description = "TLS secret for public_host: issued by cert-manager when cluster_issuer is set, else created beforehand from the province CA's certificate."
  type        = string
  default     = "motcua-tls"
}

variable "cluster_issuer" {
  description = "cert-manager ClusterIssuer that issues the TLS certificate; null when the secret is provided."
  type        = string
  default     = null
}

variable "api" {
  description = "API pods: replicas between min and max (HPA on CPU), resources per pod."
  type = object({
    min_replicas       = number
    max_replicas       = number
    cpu_target_percent = number
    cpu_request        = string
    cpu_limit          = string
    memory_request     = string
    memory_limit       = string
  })
  default = {
    min_replicas       = 2
    max_replicas       = 10
    cpu_target_percent = 60
    cpu_request        = "500m"
    cpu_limit          = "2"
    memory_request     = "512Mi"
    memory_limit       = "1Gi"
  }
}

variable "worker" {
  description = "Job worker pods: replicas between min and max (HPA on CPU), resources per pod."
  type = object({
    min_replicas       = number
    max_replicas       = number
    cpu_target_percent = number
    cpu_request        = string
    cpu_limit          = string
    memory_request     = string
    memory_limit       = string
  })
  default = {
    min_replicas       = 2
    max_replicas       = 6
    cpu_target_percent = 70
    cpu_request        = "250m"
    cpu_limit          = "1"
    memory_request     = "384Mi"
    memory_limit       = "768Mi"
  }
}

variable "postgres" {
  description = "CloudNativePG cluster: instances (1 primary + replicas), storage, resources, backup retention."
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
  default = {
    instances        = 3
    storage_size     = "200Gi"
    wal_storage_size = "50Gi"
    storage_class    = null
    cpu              = "4"
    memory           = "16Gi"
    shared_buffers   = "4GB"
    retention_policy = "30d"
  }
}

variable "redis" {
  description = "Redis with Sentinel: replicas (one becomes master), storage, memory."
  type = object({
    replicas      = number
    storage_size  = string
    storage_class = string
    memory        = string
  })
  default = {
    replicas      = 3
    storage_size  = "20Gi"
    storage_class = null
    memory        = "2Gi"
  }
}

variable "minio" {
  description = "MinIO in distributed mode (erasure coded): servers, drive size per server."
  type = object({
    replicas      = number
    storage_size  = string
    storage_class = string
    memory        = string
  })
  default = {
    replicas      = 4
    storage_size  = "500Gi"
    storage_class = null
    memory        = "4Gi"
  }
}

variable "secrets" {
  description = "Application secrets. Generate each with `openssl rand -hex 32`; keep SIGNING_KEY_SECRET offline too."
  sensitive   = true
  type = object({
    postgres_password          = string
    database_app_password      = string
    redis_password             = string
    minio_root_password        = string
    object_store_secret_key    = string
    session_secret             = string
    signing_key_secret         = string
    oidc_staff_client_secret   = string
    oidc_citizen_client_secret = string
    smtp_url                   = string
  })
}

variable "oidc" {
  description = "Sign-in: the province's SSO for staff, VNeID or the same SSO for citizens."
  type = object({
    issuer         = string
    citizen_issuer = string
  })
}

variable "extra_env" {
  description = "Further non-secret environment variables for the API and workers (MAIL_FROM, SMS_GATEWAY_URL, VNPAY_URL, LOG_LEVEL…)."
  type        = map(string)
  default     = {}
}
