#define BOOST_TEST_MODULE scanning
#include <boost/test/unit_test.hpp>
