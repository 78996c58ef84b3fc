module "namespace" {
  source    = "./modules/namespace"
  namespace = var.namespace
}

module "minio" {
  source           = "./modules/minio"
  namespace        = module.namespace.name
  size             = var.minio
  root_password    = var.secrets.minio_root_password
  app_secret_key   = var.secrets.object_store_secret_key
  backup_bucket    = "postgres-backups"
  documents_bucket = "motcua"
}

module "postgres" {
  source            = "./modules/postgres"
  namespace         = module.namespace.name
  size              = var.postgres
  owner_password    = var.secrets.postgres_password
  backup_endpoint   = module.minio.endpoint
  backup_bucket     = module.minio.backup_bucket
  backup_access_key = module.minio.app_access_key
  backup_secret_key = var.secrets.object_store_secret_key
}

module "redis" {
  source    = "./modules/redis"
  namespace = module.namespace.name
  size      = var.redis
  password  = var.secrets.redis_password
}

module "app" {
  source            = "./modules/app"
  namespace         = module.namespace.name
  image             = var.image
  image_pull_secret = var.image_pull_secret
  public_host       = var.public_host
  ingress_class     = var.ingress_class
  tls_secret_name   = var.tls_secret_name
  cluster_issuer    = var.cluster_issuer
  api               = var.api
  worker            = var.worker

  database_url          = module.postgres.owner_url
  database_app_password = var.secrets.database_app_password
  redis                 = module.redis.connection
  redis_password        = var.secrets.redis_password
  object_store = {
    url        = module.minio.endpoint
    bucket     = module.minio.documents_bucket
    access_key = module.minio.app_access_key
    secret_key = var.secrets.object_store_secret_key
  }
  session_secret             = var.secrets.session_secret
  signing_key_secret         = var.secrets.signing_key_secret
  oidc_issuer                = var.oidc.issuer
  oidc_citizen_issuer        = var.oidc.citizen_issuer
  oidc_staff_client_secret   = var.secrets.oidc_staff_client_secret
  oidc_citizen_client_secret = var.secrets.oidc_citizen_client_secret
  smtp_url                   = var.secrets.smtp_url
  extra_env                  = var.extra_env

  depends_on = [module.postgres, module.redis, module.minio]
}
