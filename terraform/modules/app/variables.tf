variable "namespace" {
  type = string
}

variable "image" {
  type = string
}

variable "image_pull_secret" {
  type    = string
  default = null
}

variable "public_host" {
  type = string
}

variable "ingress_class" {
  type = string
}

variable "tls_secret_name" {
  type = string
}

variable "cluster_issuer" {
  type    = string
  default = null
}

variable "api" {
  type = object({
    min_replicas       = number
    max_replicas       = number
    cpu_target_percent = number
    cpu_request        = string
    cpu_limit          = string
    memory_request     = string
    memory_limit       = string
  })
}

variable "worker" {
  type = object({
    min_replicas       = number
    max_replicas       = number
    cpu_target_percent = number
    cpu_request        = string
    cpu_limit          = string
    memory_request     = string
    memory_limit       = string
  })
}

variable "database_url" {
  type      = string
  sensitive = true
}

variable "database_app_password" {
  type      = string
  sensitive = true
}

variable "redis" {
  type = object({
    sentinels     = string
    sentinel_name = string
  })
}

variable "redis_password" {
  type      = string
  sensitive = true
}

variable "object_store" {
  type = object({
    url        = string
    bucket     = string
    access_key = string
    secret_key = string
  })
  sensitive = true
}

variable "session_secret" {
  type      = string
  sensitive = true
}

variable "signing_key_secret" {
  type      = string
  sensitive = true
}

variable "oidc_issuer" {
  type = string
}

variable "oidc_citizen_issuer" {
  type = string
}

variable "oidc_staff_client_secret" {
  type      = string
  sensitive = true
}

variable "oidc_citizen_client_secret" {
  type      = string
  sensitive = true
}

variable "smtp_url" {
  type      = string
  sensitive = true
}

variable "extra_env" {
  type    = map(string)
  default = {}
}
