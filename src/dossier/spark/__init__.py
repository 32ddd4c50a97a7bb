"""Scale-out shell: the same pure stages over a corpus, locally or on Apache Spark, to Parquet."""
