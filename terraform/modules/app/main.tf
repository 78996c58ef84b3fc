locals {
  labels = { "app.kubernetes.io/name" = "motcua", "app.kubernetes.io/part-of" = "motcua" }
  # A new image is a new release: the migration job is named after it, so each release migrates once.
  release = substr(sha1(var.image), 0, 10)
  config = merge({
    NODE_ENV                 = "production"
    HOST                     = "0.0.0.0"
    PORT                     = "3000"
    PUBLIC_URL               = "https://${var.public_host}"
    REDIS_URL                = "redis://redis:6379"
    REDIS_SENTINELS          = var.redis.sentinels
    REDIS_SENTINEL_NAME      = var.redis.sentinel_name
    OIDC_ISSUER              = var.oidc_issuer
    OIDC_CITIZEN_ISSUER      = var.oidc_citizen_issuer
    SHUTDOWN_DRAIN_SECONDS   = "5"
    SHUTDOWN_TIMEOUT_SECONDS = "25"
  }, var.extra_env)
}

resource "kubernetes_config_map_v1" "env" {
  metadata {
    name      = "motcua-env"
    namespace = var.namespace
    labels    = local.labels
  }
  data = local.config
}

resource "kubernetes_secret_v1" "env" {
  metadata {
    name      = "motcua-secrets"
    namespace = var.namespace
    labels    = local.labels
  }
  data = {
    DATABASE_URL               = var.database_url
    DATABASE_APP_PASSWORD      = var.database_app_password
    REDIS_PASSWORD             = var.redis_password
    OBJECT_STORE_URL           = var.object_store.url
    OBJECT_STORE_BUCKET        = var.object_store.bucket
    OBJECT_STORE_ACCESS_KEY    = var.object_store.access_key
    OBJECT_STORE_SECRET_KEY    = var.object_store.secret_key
    SESSION_SECRET             = var.session_secret
    SIGNING_KEY_SECRET         = var.signing_key_secret
    OIDC_STAFF_CLIENT_SECRET   = var.oidc_staff_client_secret
    OIDC_CITIZEN_CLIENT_SECRET = var.oidc_citizen_client_secret
    SMTP_URL                   = var.smtp_url
  }
}

# Applies pending migrations once per release, before the new pods roll out.
resource "kubernetes_job_v1" "migrate" {
  metadata {
    name      = "motcua-migrate-${local.release}"
    namespace = var.namespace
    labels    = merge(local.labels, { "app.kubernetes.io/component" = "migrate" })
  }
  spec {
    backoff_limit              = 3
    ttl_seconds_after_finished = 604800
    template {
      metadata {
        labels = merge(local.labels, { "app.kubernetes.io/component" = "migrate" })
      }
      spec {
        restart_policy = "Never"
        dynamic "image_pull_secrets" {
          for_each = var.image_pull_secret == null ? [] : [var.image_pull_secret]
          content {
            name = image_pull_secrets.value
          }
        }
        container {
          name    = "migrate"
          image   = var.image
          command = ["node", "server/dist/cli.mjs", "migrate"]
          env_from {
            config_map_ref {
              name = kubernetes_config_map_v1.env.metadata[0].name
            }
          }
          env_from {
            secret_ref {
              name = kubernetes_secret_v1.env.metadata[0].name
            }
          }
          security_context {
            run_as_non_root            = true
            allow_privilege_escalation = false
            read_only_root_filesystem  = true
          }
        }
      }
    }
  }
  wait_for_completion = true
  timeouts {
    create = "15m"
  }
}

module "api" {
  source = "./workload"

  name              = "api"
  namespace         = var.namespace
  labels            = local.labels
  image             = var.image
  image_pull_secret = var.image_pull_secret
  command           = ["node", "--max-old-space-size=512", "server/dist/api.mjs"]
  size              = var.api
  config_map        = kubernetes_config_map_v1.env.metadata[0].name
  secret            = kubernetes_secret_v1.env.metadata[0].name
  http_port         = 3000
  checksum          = sha1(jsonencode([local.config, kubernetes_secret_v1.env.data]))

  depends_on = [kubernetes_job_v1.migrate]
}

module "worker" {
  source = "./workload"

  name              = "worker"
  namespace         = var.namespace
  labels            = local.labels
  image             = var.image
  image_pull_secret = var.image_pull_secret
  command           = ["node", "server/dist/worker.mjs"]
  size              = var.worker
  config_map        = kubernetes_config_map_v1.env.metadata[0].name
  secret            = kubernetes_secret_v1.env.metadata[0].name
  http_port         = null
  checksum          = sha1(jsonencode([local.config, kubernetes_secret_v1.env.data]))

  depends_on = [kubernetes_job_v1.migrate]
}

resource "kubernetes_service_v1" "api" {
  metadata {
    name      = "motcua-api"
    namespace = var.namespace
    labels    = local.labels
  }
  spec {
    selector = merge(local.labels, { "app.kubernetes.io/component" = "api" })
    port {
      name        = "http"
      port        = 80
      target_port = 3000
    }
  }
}

resource "kubernetes_ingress_v1" "api" {
  metadata {
    name      = "motcua"
    namespace = var.namespace
    labels    = local.labels
    annotations = merge(
      {
        "nginx.ingress.kubernetes.io/proxy-body-size"    = "60m"
        "nginx.ingress.kubernetes.io/force-ssl-redirect" = "true"
      },
      var.cluster_issuer == null ? {} : { "cert-manager.io/cluster-issuer" = var.cluster_issuer },
    )
  }
  spec {
    ingress_class_name = var.ingress_class
    tls {
      hosts       = [var.public_host]
      secret_name = var.tls_secret_name
    }
    rule {
      host = var.public_host
      http {
        path {
          path      = "/"
          path_type = "Prefix"
          backend {
            service {
              name = kubernetes_service_v1.api.metadata[0].name
              port {
                name = "http"
              }
            }
          }
        }
      }
    }
  }
}
