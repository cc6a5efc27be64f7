/* Linked into bootstrap only: definitions that keep it within Lambda's glibc (see hypotf.c). */
