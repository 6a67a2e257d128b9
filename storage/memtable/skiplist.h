// SkipList: an arena-allocated, insert-only ordered set for memtables, with
// one writer at a time and any number of lock-free concurrent readers.
//
// Thread safety:
//  - Insert requires external synchronization (the write path serializes
//    memtable writers; GroupCommitWriter's leader is the only inserter).
//  - Readers (Contains, Iterator) need no locks and may run concurrently with
//    the writer. They must keep the SkipList (and its Arena) alive, which the
//    MemTable's shared_ptr lifetime guarantees.
//
// Invariants:
//  1. Nodes are never deleted or modified after they are linked, except for
//     their next pointers being set by later inserts; all memory is freed at
//     once when the Arena is destroyed.
//  2. A node's key and its level-i link (relaxed stores) are written BEFORE
//     the node is published at level i by a release store into its
//     predecessor's level-i link. Readers load links with acquire, so a reader
//     that reaches a node at level i sees its key and its links at levels
//     <= i (lower levels were published earlier, see 3).
//  3. Level 0 is the complete list; level i > 0 is a sublist of level i - 1.
//     A node is linked bottom-up (level 0 first), so a reader that reaches a
//     node at any level can always continue on level 0 from it.
//  4. max_height_ only grows. It is read with relaxed ordering: a reader that
//     sees the new height before the head's new links sees nullptr there and
//     simply drops to a lower level; one that sees the old height skips the
//     new top levels, which are a shortcut only.
//  5. Keys are unique (Insert REQUIRES no equal key present).
//
// InsertSorted adds many ascending keys at once. A descent to a random key
// in a list far larger than the CPU caches is a chain of dependent cache
// misses (each step needs the node the previous one pointed to); the batch
// descends for several keys in lockstep, prefetching each one's next node, so
// their misses overlap instead of following one another.
//
// Node layout in the arena: Node{key} immediately followed by `height`
// std::atomic<Node*> links, placement-constructed there; nodes are never
// destroyed individually (trivially destructible key required).
#pragma once

#include <atomic>
#include <cassert>
#include <cstdint>
#include <new>
#include <type_traits>

#include "common/arena.h"

namespace strata::storage {

// Comparator: int operator()(const Key& a, const Key& b) const, <0 / 0 / >0.
template <typename Key, class Comparator>
class SkipList {
 private:
  struct Node;

 public:
  static constexpr int kMaxHeight = 12;

  // `arena` must outlive the list; all nodes are allocated from it.
  SkipList(Comparator cmp, Arena* arena);
  SkipList(const SkipList&) = delete;
  SkipList& operator=(const SkipList&) = delete;

  // REQUIRES: external synchronization with other Inserts; no equal key present.
  void Insert(const Key& key);
  // Inserts keys[0, n). REQUIRES: as Insert, and keys strictly ascending.
  void InsertSorted(const Key* keys, size_t n);
  bool Contains(const Key& key) const;

  // Cursor over the list. Sees every key inserted before it was positioned
  // and may or may not see keys inserted concurrently.
  class Iterator {
   public:
    explicit Iterator(const SkipList* list) : list_(list), node_(nullptr) {}
    bool Valid() const { return node_ != nullptr; }
    // REQUIRES: Valid()
    const Key& key() const {
      assert(Valid());
      return node_->key;
    }
    // REQUIRES: Valid()
    void Next() {
      assert(Valid());
      node_ = node_->Next(0);
    }
    // REQUIRES: Valid(). O(log n): there are no back links.
    void Prev() {
      assert(Valid());
      node_ = list_->FindLessThan(node_->key);
      if (node_ == list_->head_) node_ = nullptr;
    }
    // First key >= target.
    void Seek(const Key& target) { node_ = list_->FindGreaterOrEqual(target, nullptr); }
    // Last key <= target.
    void SeekForPrev(const Key& target) {
      Node* n = list_->FindGreaterOrEqual(target, nullptr);
      if (n != nullptr && list_->cmp_(n->key, target) == 0) {
        node_ = n;
        return;
      }
      n = list_->FindLessThan(target);
      node_ = n == list_->head_ ? nullptr : n;
    }
    void SeekToFirst() { node_ = list_->head_->Next(0); }
    void SeekToLast() {
      Node* n = list_->FindLast();
      node_ = n == list_->head_ ? nullptr : n;
    }

   private:
    const SkipList* list_;
    Node* node_;
  };

 private:
  struct Node {
    explicit Node(const Key& k) : key(k) {}
    const Key key;

    std::atomic<Node*>* links() {
      return reinterpret_cast<std::atomic<Node*>*>(reinterpret_cast<char*>(this) + sizeof(Node));
    }
    Node* Next(int level) { return links()[level].load(std::memory_order_acquire); }
    void SetNext(int level, Node* x) { links()[level].store(x, std::memory_order_release); }
    Node* RelaxedNext(int level) { return links()[level].load(std::memory_order_relaxed); }
    void RelaxedSetNext(int level, Node* x) { links()[level].store(x, std::memory_order_relaxed); }
  };
  static_assert(std::is_trivially_destructible_v<Key>, "arena nodes are never destroyed");
  static_assert(sizeof(Node) % alignof(std::atomic<Node*>) == 0, "links must be aligned");

  Node* NewNode(const Key& key, int height);
  // Links a new node for key. prev[i] (for levels i < searched) is a node
  // before key at level i; nodes inserted after it was found, all before
  // key, are skipped by walking forward.
  void LinkAfter(const Key& key, Node* const* prev, int searched);
  int RandomHeight();
  int MaxHeight() const { return max_height_.load(std::memory_order_relaxed); }
  bool KeyIsAfterNode(const Key& key, Node* n) const {
    return n != nullptr && cmp_(n->key, key) < 0;
  }
  // First node >= key; fills prev[level] with the last node < key per level.
  Node* FindGreaterOrEqual(const Key& key, Node** prev) const;
  // Last node < key, or head_.
  Node* FindLessThan(const Key& key) const;
  // Last node, or head_.
  Node* FindLast() const;

  const Comparator cmp_;
  Arena* const arena_;
  Node* const head_;
  std::atomic<int> max_height_;
  uint64_t rng_state_;  // writer-only
};

template <typename Key, class Comparator>
SkipList<Key, Comparator>::SkipList(Comparator cmp, Arena* arena)
    : cmp_(cmp),
      arena_(arena),
      head_(NewNode(Key{}, kMaxHeight)),
      max_height_(1),
      rng_state_(0x9E3779B97F4A7C15ull) {}

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::NewNode(const Key& key,
                                                                             int height) {
  char* mem = arena_->AllocateAligned(sizeof(Node) + sizeof(std::atomic<Node*>) * height);
  Node* node = new (mem) Node(key);
  std::atomic<Node*>* links = node->links();
  for (int i = 0; i < height; ++i) new (&links[i]) std::atomic<Node*>(nullptr);
  return node;
}

template <typename Key, class Comparator>
int SkipList<Key, Comparator>::RandomHeight() {
  // Each extra level with probability 1/4 (xorshift64).
  int height = 1;
  while (height < kMaxHeight) {
    rng_state_ ^= rng_state_ << 13;
    rng_state_ ^= rng_state_ >> 7;
    rng_state_ ^= rng_state_ << 17;
    if ((rng_state_ & 3) != 0) break;
    ++height;
  }
  return height;
}

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::FindGreaterOrEqual(
    const Key& key, Node** prev) const {
  Node* x = head_;
  int level = MaxHeight() - 1;
  while (true) {
    Node* next = x->Next(level);
    if (KeyIsAfterNode(key, next)) {
      x = next;
    } else {
      if (prev != nullptr) prev[level] = x;
      if (level == 0) return next;
      --level;
    }
  }
}

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::FindLessThan(
    const Key& key) const {
  Node* x = head_;
  int level = MaxHeight() - 1;
  while (true) {
    Node* next = x->Next(level);
    if (next == nullptr || cmp_(next->key, key) >= 0) {
      if (level == 0) return x;
      --level;
    } else {
      x = next;
    }
  }
}

template <typename Key, class Comparator>
typename SkipList<Key, Comparator>::Node* SkipList<Key, Comparator>::FindLast() const {
  Node* x = head_;
  int level = MaxHeight() - 1;
  while (true) {
    Node* next = x->Next(level);
    if (next == nullptr) {
      if (level == 0) return x;
      --level;
    } else {
      x = next;
    }
  }
}

template <typename Key, class Comparator>
void SkipList<Key, Comparator>::Insert(const Key& key) {
  Node* prev[kMaxHeight];
  Node* x = FindGreaterOrEqual(key, prev);
  assert(x == nullptr || cmp_(key, x->key) != 0);  // invariant 5
  (void)x;

  const int height = RandomHeight();
  if (height > MaxHeight()) {
    for (int i = MaxHeight(); i < height; ++i) prev[i] = head_;
    max_height_.store(height, std::memory_order_relaxed);  // invariant 4
  }
  Node* node = NewNode(key, height);
  for (int i = 0; i < height; ++i) {
    // Invariant 2: our own link first (relaxed; published by the release
    // store below), then publish into the predecessor, level 0 first (3).
    node->RelaxedSetNext(i, prev[i]->RelaxedNext(i));
    prev[i]->SetNext(i, node);
  }
}

template <typename Key, class Comparator>
void SkipList<Key, Comparator>::LinkAfter(const Key& key, Node* const* prev, int searched) {
  const int height = RandomHeight();
  if (height > MaxHeight()) max_height_.store(height, std::memory_order_relaxed);  // invariant 4
  Node* node = NewNode(key, height);
  for (int i = 0; i < height; ++i) {
    Node* p = i < searched ? prev[i] : head_;
    Node* n = p->Next(i);
    while (KeyIsAfterNode(key, n)) {
      p = n;
      n = p->Next(i);
    }
    assert(n == nullptr || cmp_(key, n->key) != 0);  // invariant 5
    // Invariant 2: our own link first (relaxed; published by the release
    // store below), then publish into the predecessor, level 0 first (3).
    node->RelaxedSetNext(i, n);
    p->SetNext(i, node);
  }
}

template <typename Key, class Comparator>
void SkipList<Key, Comparator>::InsertSorted(const Key* keys, size_t n) {
  // Keys searched together: enough misses in flight to fill the memory
  // pipeline, few enough that their state stays in registers and L1.
  constexpr size_t kWidth = 8;
  Node* prev[kWidth][kMaxHeight];
  Node* at[kWidth];         // the node each descent stands on (before its key)
  Node* candidate[kWidth];  // at's successor on the current level, prefetched
  int level[kWidth];
  for (size_t base = 0; base < n; base += kWidth) {
    const size_t width = n - base < kWidth ? n - base : kWidth;
    const int top = MaxHeight();
    for (size_t j = 0; j < width; ++j) {
      at[j] = head_;
      level[j] = top - 1;
      candidate[j] = head_->Next(top - 1);
    }
    size_t searching = width;
    while (searching > 0) {
      for (size_t j = 0; j < width; ++j) {
        if (level[j] < 0) continue;
        Node* c = candidate[j];
        if (KeyIsAfterNode(keys[base + j], c)) {
          at[j] = c;
        } else {
          prev[j][level[j]] = at[j];
          if (--level[j] < 0) {
            --searching;
            continue;
          }
        }
        candidate[j] = at[j]->Next(level[j]);
        if (candidate[j] != nullptr) __builtin_prefetch(candidate[j]);
      }
    }
    // Link in ascending order: each key's predecessors are still before it,
    // with at most the batch's earlier keys (just linked, cache-hot) between.
    for (size_t j = 0; j < width; ++j) LinkAfter(keys[base + j], prev[j], top);
  }
}

template <typename Key, class Comparator>
bool SkipList<Key, Comparator>::Contains(const Key& key) const {
  Node* x = FindGreaterOrEqual(key, nullptr);
  return x != nullptr && cmp_(key, x->key) == 0;
}

}  // namespace strata::storage
