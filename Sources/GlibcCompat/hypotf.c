/* Lambda's provided.al2023 has glibc 2.34. The static Swift runtime calls hypotf, which a
   glibc 2.35+ build machine binds to hypotf@GLIBC_2.35 (a newer ABI of the same function);
   defining it here keeps the executable within 2.34. It uses hypot's original version
   (2.35 versioned hypot too), and a float's hypotenuse computed in double and rounded once
   is correctly rounded. */
#include <math.h>

__asm__(".symver hypot, hypot@GLIBC_2.2.5");

float hypotf(float x, float y) { return (float)hypot((double)x, (double)y); }
