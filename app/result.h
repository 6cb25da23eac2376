#pragma once

#include <utility>
#include <variant>

#include <QtGlobal>

// Errors as values: a Result holds either the value or the error that says
// why there is none. std::expected is C++23; GCC 12 in C++20 mode lacks it.
template<typename T, typename E>
class [[nodiscard]] Result final
{
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Result(E error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool hasValue() const { return m_state.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    const T &value() const & { Q_ASSERT(hasValue()); return std::get<0>(m_state); }
    T &value() & { Q_ASSERT(hasValue()); return std::get<0>(m_state); }
    T &&value() && { Q_ASSERT(hasValue()); return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

    const E &error() const { Q_ASSERT(!hasValue()); return std::get<1>(m_state); }

private:
    std::variant<T, E> m_state;
};
